package dev.weakrl.models.checkpoint;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SHA-256 of tensor chunks, computed on a small daemon pool so that hashing overlaps file IO: at
 * about 2 GB/s per core it would otherwise halve checkpoint throughput.
 */
final class Sha256 {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(
      Runtime.getRuntime().availableProcessors(),
      r -> {
        Thread t = new Thread(r, "weakrl-sha256");
        t.setDaemon(true);
        return t;
      });

  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Hex digest of the remaining bytes of {@code data}, on the pool; {@code data} is not moved. */
  static Future<String> hexAsync(ByteBuffer data) {
    ByteBuffer view = data.duplicate();
    return POOL.submit(() -> {
      MessageDigest digest = newDigest();
      digest.update(view);
      return hex(digest.digest());
    });
  }

  /**
   * A digest fed piece by piece as the pieces arrive, each update on the pool after the previous
   * one: a chunk's hash then ends one piece after its last byte is read, not one chunk after.
   */
  static final class Incremental {
    private CompletableFuture<MessageDigest> chain = CompletableFuture.completedFuture(newDigest());
    private final CompletableFuture<String> result = new CompletableFuture<>();

    /** Hashes the remaining bytes of {@code piece} next; {@code piece} is not moved. */
    void update(ByteBuffer piece) {
      ByteBuffer view = piece.duplicate();
      chain = chain.thenApplyAsync(d -> {
        d.update(view);
        return d;
      }, POOL);
    }

    /** No more pieces: {@link #result} completes once the last is hashed. */
    void finish() {
      chain.thenApply(d -> hex(d.digest())).whenComplete((hex, error) -> {
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(hex);
        }
      });
    }

    /** The hex digest of every piece, in order. */
    Future<String> result() {
      return result;
    }
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}

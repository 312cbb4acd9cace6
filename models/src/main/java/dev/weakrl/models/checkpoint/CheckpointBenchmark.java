package dev.weakrl.models.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.CharTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoint throughput relative to the machine's: MB/s of {@link Checkpoint#save} and {@link
 * Checkpoint#load} over MB/s of a plain {@link FileChannel} writing and reading the same bytes,
 * for a ~110M-parameter fp32 Llama-shaped set of tensors. Each figure is the best of {@value
 * #REPEATS}, the two sides timed in turns. Writes do not fsync on either side. Reads are
 * measured twice: from disk ({@code checkpoint_read_ratio}: before each read the files are synced
 * and dropped from the page cache with {@code dd iflag=nocache}, i.e. {@code
 * posix_fadvise(DONTNEED)}, which needs no privileges),
 * as a user loading a model not read since boot, and from the page cache ({@code
 * checkpoint_read_cached_ratio}), where the read costs little and verification shows most.
 * {@code sha256_mb_s} is the rate of hashing alone on every core, which bounds a write (every
 * byte is hashed) wherever the disk is faster.
 */
public final class CheckpointBenchmark {
  private static final int REPEATS = 5;
  private static final int VOCAB = 32000;
  private static final int HIDDEN = 768;
  private static final int INTERMEDIATE = 2048;
  private static final int LAYERS = 12;

  private CheckpointBenchmark() {}

  /** Runs in {@code scratchDir} (left empty); returns the ratios and the MB/s figures behind them. */
  public static Map<String, Double> run(Path scratchDir) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> tensors = llamaShapedTensors(manager);
      long bytes = tensors.values().stream().mapToLong(a -> a.size() * 4).sum();
      String checkpoint = scratchDir.resolve("checkpoint").toString();
      Path raw = scratchDir.resolve("raw.bin");
      LlamaConfig config = new LlamaConfig("llama", VOCAB, HIDDEN, INTERMEDIATE, LAYERS, 12, 12, 64, 2048,
          1e-5, 10000.0, null, false, false, false);

      // Each timed write makes new files on both sides, as a step checkpoint does (a republish
      // would also keep the version it replaces).
      double[] write = bestOfInterleaved(bytes,
          () -> deleteIfExists(raw), () -> writeRaw(raw, tensors),
          () -> Storage.deleteRecursively(checkpoint),
          () -> Checkpoint.save(checkpoint, config, CharTokenizer.standard(), tensors, Json.object()));
      Runnable load = () -> {
        try (NDManager loaded = manager.newSubManager()) {
          Checkpoint.load(checkpoint, loaded);
        }
      };
      double[] readCached = bestOfInterleaved(bytes, () -> {}, () -> readRaw(raw, tensors), () -> {}, load);
      double[] read = bestOfInterleaved(bytes, () -> evict(raw), () -> readRaw(raw, tensors),
          () -> evict(Path.of(checkpoint)), load);
      double sha256 = 0;
      for (int i = 0; i < REPEATS; i++) {
        sha256 = Math.max(sha256, megabytesPerSecond(bytes, () -> {}, () -> sha256s(tensors)));
      }
      Storage.deleteRecursively(checkpoint);
      deleteIfExists(raw);

      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("checkpoint_write_ratio", write[1] / write[0]);
      figures.put("checkpoint_read_ratio", read[1] / read[0]);
      figures.put("checkpoint_read_cached_ratio", readCached[1] / readCached[0]);
      figures.put("checkpoint_write_mb_s", write[1]);
      figures.put("checkpoint_read_mb_s", read[1]);
      figures.put("raw_write_mb_s", write[0]);
      figures.put("raw_read_mb_s", read[0]);
      figures.put("checkpoint_read_cached_mb_s", readCached[1]);
      figures.put("raw_read_cached_mb_s", readCached[0]);
      figures.put("sha256_mb_s", sha256);
      return figures;
    }
  }

  /** Embedding plus {@value #LAYERS} layers of attention (4 x D x D) and MLP (3 x D x I), fp32. */
  private static Map<String, NDArray> llamaShapedTensors(NDManager manager) {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    tensors.put("model.embed_tokens.weight", manager.randomNormal(new Shape(VOCAB, HIDDEN)));
    for (int l = 0; l < LAYERS; l++) {
      String p = "model.layers." + l + ".";
      for (String proj : new String[] {"q", "k", "v", "o"}) {
        tensors.put(p + "self_attn." + proj + "_proj.weight", manager.randomNormal(new Shape(HIDDEN, HIDDEN)));
      }
      tensors.put(p + "mlp.gate_proj.weight", manager.randomNormal(new Shape(INTERMEDIATE, HIDDEN)));
      tensors.put(p + "mlp.up_proj.weight", manager.randomNormal(new Shape(INTERMEDIATE, HIDDEN)));
      tensors.put(p + "mlp.down_proj.weight", manager.randomNormal(new Shape(HIDDEN, INTERMEDIATE)));
    }
    return tensors;
  }

  private static void sha256s(Map<String, NDArray> tensors) {
    try {
      TensorFile.sha256s(tensors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeRaw(Path file, Map<String, NDArray> tensors) {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (NDArray a : tensors.values()) {
        ByteBuffer bytes = a.toByteBuffer(true);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void readRaw(Path file, Map<String, NDArray> tensors) {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      for (NDArray a : tensors.values()) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.toIntExact(a.size() * 4));
        while (bytes.hasRemaining() && in.read(bytes) >= 0) {
          // fill the tensor's buffer
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Syncs {@code path} (a file, or every file of a directory, through the link that publishes it)
   * and drops its pages from the page cache, so that the next read comes from disk.
   */
  private static void evict(Path path) {
    try (var files = Files.walk(path, FileVisitOption.FOLLOW_LINKS)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.force(true); // dirty pages cannot be dropped
        }
        Process dd = new ProcessBuilder("dd", "if=" + file, "iflag=nocache", "count=0", "status=none")
            .redirectErrorStream(true).start();
        String out = new String(dd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (dd.waitFor() != 0) {
          throw new IllegalStateException("dd iflag=nocache could not drop " + file + " from the page cache: " + out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot drop " + path + " from the page cache (needs dd)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dropping " + path + " from the page cache", e);
    }
  }

  /**
   * Best MB/s of {@value #REPEATS} runs each of a baseline and a checkpoint task moving {@code
   * bytes}, taken in turns (baseline, checkpoint, baseline, ...) so that both see the same disk:
   * a cloud disk's throughput drifts over a minute, and timing all of one side first would put
   * that drift into the ratio. Each task's untimed setup runs just before it.
   *
   * @return {baseline MB/s, checkpoint MB/s}
   */
  private static double[] bestOfInterleaved(long bytes, Runnable baselineSetup, Runnable baseline,
      Runnable checkpointSetup, Runnable checkpoint) {
    double[] best = new double[2];
    for (int i = 0; i < REPEATS; i++) {
      best[0] = Math.max(best[0], megabytesPerSecond(bytes, baselineSetup, baseline));
      best[1] = Math.max(best[1], megabytesPerSecond(bytes, checkpointSetup, checkpoint));
    }
    return best;
  }

  private static double megabytesPerSecond(long bytes, Runnable setup, Runnable task) {
    setup.run();
    // Both sides read into fresh direct buffers, whose memory returns only once collected: without
    // a collection here a run's speed depended on whether the last one's buffers were reused.
    System.gc();
    long start = System.nanoTime();
    task.run();
    return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
  }
}

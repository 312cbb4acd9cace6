package dev.weakrl.models.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Named tensors in one Parquet file, one row per chunk of at most {@link #CHUNK_BYTES}: name,
 * chunk index, dtype (F32, BF16, ...), shape, byte offset, the raw little-endian bytes, and their
 * SHA-256. Reading gives bit-identical tensors in the order they were written, or a {@link
 * CorruptCheckpointException} naming the file and the tensor. Used for model weights and
 * optimizer state alike.
 */
public final class TensorFile {
  /** Rows hold at most 64 MiB: huge embeddings span several rows that hash in parallel. */
  public static final int CHUNK_BYTES = 64 << 20;

  /**
   * Bytes hashed ahead of the tensor being written: several row groups, so that the hashing
   * threads keep busy while a whole row group is written (a lookahead of a few small tensors
   * left them idle then). A CPU tensor's bytes are views, so looking ahead copies nothing; an
   * accelerator's tensors are copied to the host this far ahead.
   */
  private static final long LOOKAHEAD_BYTES = 4L * CHUNK_BYTES;

  private TensorFile() {}

  /** A tensor whose chunks are being hashed, waiting to be written. */
  private record PendingTensor(String name, String dtype, List<Long> shape, List<ByteBuffer> chunks,
      List<Future<String>> sha256s) {
    long bytes() {
      return chunks.stream().mapToLong(ByteBuffer::remaining).sum();
    }
  }

  /** Writes {@code tensors} in iteration order; returns what the file holds of each. */
  public static Map<String, TensorInfo> write(String path, Map<String, NDArray> tensors) {
    Map<String, TensorInfo> written = new LinkedHashMap<>();
    Deque<PendingTensor> pending = new ArrayDeque<>();
    long pendingBytes = 0;
    try (ChunkParquet.Writer writer = new ChunkParquet.Writer(path)) {
      for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
        PendingTensor tensor = hashChunks(e.getKey(), e.getValue());
        pending.add(tensor);
        pendingBytes += tensor.bytes();
        while (pendingBytes - pending.peek().bytes() >= LOOKAHEAD_BYTES) {
          PendingTensor head = pending.poll();
          writeRows(writer, head, written);
          pendingBytes -= head.bytes();
        }
      }
      while (!pending.isEmpty()) {
        writeRows(writer, pending.poll(), written);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    return written;
  }

  private static PendingTensor hashChunks(String name, NDArray array) {
    ByteBuffer bytes = hostBytes(array);
    List<ByteBuffer> chunks = new ArrayList<>();
    List<Future<String>> sha256s = new ArrayList<>();
    long count = Math.max(1, ((long) bytes.capacity() + CHUNK_BYTES - 1) / CHUNK_BYTES); // empty: one empty row
    for (int i = 0; i < count; i++) {
      int offset = i * CHUNK_BYTES;
      ByteBuffer chunk = bytes.slice(offset, Math.min(CHUNK_BYTES, bytes.capacity() - offset));
      chunks.add(chunk);
      sha256s.add(Sha256.hexAsync(chunk));
    }
    List<Long> shape = new ArrayList<>();
    for (long d : array.getShape().getShape()) {
      shape.add(d);
    }
    return new PendingTensor(name, array.getDataType().asSafetensors(), shape, chunks, sha256s);
  }

  /**
   * The bytes of {@code array} in host memory: a view of a CPU tensor, else a heap copy (made
   * through a host tensor closed at once, so that saving from an accelerator leaks nothing).
   */
  private static ByteBuffer hostBytes(NDArray array) {
    if (array.getDevice().equals(Device.cpu())) {
      return array.toByteBuffer(true);
    }
    try (NDArray host = array.toDevice(Device.cpu(), true)) {
      return host.toByteBuffer(false);
    }
  }

  /** Writes a tensor's rows once their digests are in. */
  private static void writeRows(ChunkParquet.Writer writer, PendingTensor t, Map<String, TensorInfo> written)
      throws IOException {
    List<String> sha256s = new ArrayList<>();
    long offset = 0;
    for (int i = 0; i < t.chunks().size(); i++) {
      ByteBuffer chunk = t.chunks().get(i);
      sha256s.add(await(t.sha256s().get(i)));
      writer.write(new TensorChunk(t.name(), i, t.dtype(), t.shape(), offset, chunk, sha256s.get(i)));
      offset += chunk.remaining();
    }
    written.put(t.name(), TensorInfo.of(t.dtype(), t.shape(), offset, sha256s));
  }

  /**
   * The SHA-256 of every chunk of {@code tensors}, hashed as {@link #write} hashes them but
   * written nowhere: the rate that bounds a write ({@link CheckpointBenchmark}).
   */
  static List<String> sha256s(Map<String, NDArray> tensors) throws IOException {
    List<PendingTensor> hashing = new ArrayList<>();
    tensors.forEach((name, array) -> hashing.add(hashChunks(name, array)));
    List<String> digests = new ArrayList<>();
    for (PendingTensor t : hashing) {
      for (Future<String> sha256 : t.sha256s()) {
        digests.add(await(sha256));
      }
    }
    return digests;
  }

  private static String await(Future<String> sha256) throws IOException {
    try {
      return sha256.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing", e);
    } catch (ExecutionException e) {
      throw new IOException("hashing failed", e.getCause());
    }
  }

  /** Reads every tensor of the file at {@code path} into {@code manager}, checking every chunk. */
  public static Map<String, NDArray> read(String path, NDManager manager) {
    Map<String, TensorAssembly> tensors = assemble(path);
    tensors.values().forEach(TensorAssembly::finish);
    return toArrays(tensors, manager);
  }

  /**
   * Like {@link #read(String, NDManager)}, and also checks that the file holds exactly the tensors
   * of {@code expected} (a manifest's record of what was written), in that order.
   */
  public static Map<String, NDArray> read(String path, NDManager manager, Map<String, TensorInfo> expected) {
    Map<String, TensorAssembly> tensors = assemble(path);
    for (Map.Entry<String, TensorInfo> e : expected.entrySet()) {
      TensorAssembly tensor = tensors.get(e.getKey());
      if (tensor == null) {
        throw new CorruptCheckpointException(path + ": tensor '" + e.getKey() + "' is missing");
      }
      TensorInfo found = tensor.finish();
      if (!found.equals(e.getValue())) {
        throw tensor.error("holds " + found + ", the manifest says " + e.getValue());
      }
    }
    if (!List.copyOf(tensors.keySet()).equals(List.copyOf(expected.keySet()))) {
      throw new CorruptCheckpointException(path + ": holds tensors " + tensors.keySet()
          + ", the manifest lists " + expected.keySet());
    }
    return toArrays(tensors, manager);
  }

  /**
   * Reads every chunk into its tensor's buffer, hashing as it goes: straight from the file for the
   * layout {@link ChunkParquet.Writer} writes, else (older files) through parquet-java's records.
   */
  private static Map<String, TensorAssembly> assemble(String path) {
    try {
      try {
        return assembleDirect(path);
      } catch (ChunkParquet.NotDirectlyReadable e) {
        return assembleRecords(path);
      }
    } catch (CorruptCheckpointException e) {
      throw e;
    } catch (IOException | RuntimeException e) { // Parquet reports a damaged file as either
      throw new CorruptCheckpointException(path + ": unreadable Parquet tensor file: " + e.getMessage(), e);
    }
  }

  private static Map<String, TensorAssembly> assembleDirect(String path)
      throws IOException, ChunkParquet.NotDirectlyReadable {
    Map<String, TensorAssembly> tensors = new LinkedHashMap<>();
    ChunkParquet.readDirect(path, new ChunkParquet.ChunkSink() {
      @Override
      public ChunkParquet.Target reserve(ChunkParquet.ChunkHeader row, int length) {
        TensorAssembly tensor =
            tensors.computeIfAbsent(row.name(), n -> TensorAssembly.start(path, n, row.dtype(), row.shape()));
        ByteBuffer buffer = tensor.reserve(row.index(), row.dtype(), row.shape(), row.offset(), length);
        Sha256.Incremental digest = new Sha256.Incremental();
        tensor.arriving(digest.result(), row.sha256());
        return new ChunkParquet.Target(buffer, digest);
      }
    });
    return tensors;
  }

  private static Map<String, TensorAssembly> assembleRecords(String path) throws IOException {
    Map<String, TensorAssembly> tensors = new LinkedHashMap<>();
    try (ParquetReader<Group> reader = ChunkParquet.openReader(path)) {
      for (Group row = reader.read(); row != null; row = reader.read()) {
        TensorChunk chunk = ChunkParquet.fromRow(row);
        tensors.computeIfAbsent(chunk.name(), n -> TensorAssembly.start(path, n, chunk.dtype(), chunk.shape()))
            .add(chunk);
      }
    }
    return tensors;
  }

  private static Map<String, NDArray> toArrays(Map<String, TensorAssembly> tensors, NDManager manager) {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    tensors.forEach((name, tensor) -> arrays.put(name, tensor.toArray(manager)));
    return arrays;
  }
}

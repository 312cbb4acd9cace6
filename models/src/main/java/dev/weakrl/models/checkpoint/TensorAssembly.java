package dev.weakrl.models.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One tensor being read back from its chunks: each chunk is checked for place and size, read (or
 * copied) into a direct buffer, which the NDArray then uses without another copy, and hashed
 * there on the hashing pool while the next chunk is read.
 */
final class TensorAssembly {
  private static final int ALIGNMENT = 64;
  private final String file;
  private final String name;
  private final String dtype;
  private final DataType type;
  private final List<Long> shape;
  private final ByteBuffer data;
  private final List<String> storedSha256s = new ArrayList<>();
  private final List<Future<String>> computedSha256s = new ArrayList<>();

  private TensorAssembly(String file, String name, String dtype, List<Long> shape) {
    this.file = file;
    this.name = name;
    this.dtype = dtype;
    this.shape = shape;
    this.type = EngineTypes.fromSafetensors(dtype, this::error);
    long bytes = shape.stream().reduce(1L, Math::multiplyExact) * type.getNumOfBytes();
    if (bytes > Integer.MAX_VALUE - 2 * ALIGNMENT) {
      throw error(bytes + " bytes exceed the 2 GiB a single NDArray buffer can hold");
    }
    // Aligned as libtorch aligns its own tensors: the array uses this memory as it is. alignedSlice
    // also rounds the end down to a multiple of the alignment, hence the padding at both ends.
    int padded = (int) ((bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
    this.data = ByteBuffer.allocateDirect(padded + ALIGNMENT).alignedSlice(ALIGNMENT).limit((int) bytes).slice();
  }

  static TensorAssembly start(String file, String name, String dtype, List<Long> shape) {
    return new TensorAssembly(file, name, dtype, shape);
  }

  /** Adds a chunk read with its bytes (copied into this tensor's buffer, then hashed). */
  void add(TensorChunk chunk) {
    ByteBuffer slice = reserve(chunk.index(), chunk.dtype(), chunk.shape(), chunk.offset(), chunk.data().remaining());
    slice.put(chunk.data().duplicate()).flip();
    arrived(slice, chunk.sha256());
  }

  /**
   * Checks that chunk {@code index} of {@code length} bytes comes next and fits; returns the slice of
   * this tensor's buffer its bytes go to, for the caller to fill and hand to {@link #arrived}.
   */
  ByteBuffer reserve(int index, String dtype, List<Long> shape, long offset, int length) {
    int expected = storedSha256s.size();
    if (index != expected) {
      throw error("missing chunk " + expected + " (found chunk " + index + " next)");
    }
    if (!dtype.equals(this.dtype) || !shape.equals(this.shape)) {
      throw error("chunk " + index + " says " + dtype + shape + ", chunk 0 said " + this.dtype + this.shape);
    }
    if (offset != data.position() || length < 0 || length > data.remaining()) {
      throw error("chunk " + index + " holds bytes [" + offset + ", " + (offset + length)
          + ") but bytes [" + data.position() + ", " + data.capacity() + ") remain");
    }
    ByteBuffer slice = data.slice(data.position(), length);
    data.position(data.position() + length);
    return slice;
  }

  /** The bytes of the chunk {@link #reserve}d last are in {@code filled}: hashes them off this thread. */
  void arrived(ByteBuffer filled, String storedSha256) {
    storedSha256s.add(storedSha256);
    computedSha256s.add(Sha256.hexAsync(filled));
  }

  /** The chunk {@link #reserve}d last is being hashed as it arrives, into {@code computed}. */
  void arriving(Future<String> computed, String storedSha256) {
    storedSha256s.add(storedSha256);
    computedSha256s.add(computed);
  }

  /** Checks that every byte arrived intact; returns what the tensor file says of the tensor. */
  TensorInfo finish() {
    if (data.hasRemaining()) {
      throw error("has " + data.position() + " of " + data.capacity() + " bytes: missing chunk " + storedSha256s.size());
    }
    for (int i = 0; i < storedSha256s.size(); i++) {
      String computed = await(computedSha256s.get(i));
      if (!computed.equals(storedSha256s.get(i))) {
        throw error("chunk " + i + ": SHA-256 mismatch (stored " + storedSha256s.get(i) + ", computed " + computed + ")");
      }
    }
    return TensorInfo.of(dtype, shape, data.capacity(), storedSha256s);
  }

  NDArray toArray(NDManager manager) {
    long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
    return manager.create(data.rewind(), new Shape(dims), type);
  }

  private static String await(Future<String> sha) {
    try {
      return sha.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while hashing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing failed", e.getCause());
    }
  }

  CorruptCheckpointException error(String problem) {
    return new CorruptCheckpointException(file + ": tensor '" + name + "': " + problem);
  }
}

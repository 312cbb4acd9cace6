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
 * One tensor being read back from its chunks: each chunk is checked for place and size, copied
 * into a direct buffer (which the NDArray then uses without another copy) and hashed there, off
 * the reading thread.
 */
final class TensorAssembly {
  private final String file;
  private final String name;
  private final String dtype;
  private final DataType type;
  private final List<Long> shape;
  private final ByteBuffer data;
  private final List<String> storedSha256s = new ArrayList<>();
  private final List<Future<String>> computedSha256s = new ArrayList<>();

  private TensorAssembly(String file, TensorChunk first) {
    this.file = file;
    this.name = first.name();
    this.dtype = first.dtype();
    this.shape = first.shape();
    this.type = EngineTypes.fromSafetensors(dtype, this::error);
    long bytes = shape.stream().reduce(1L, Math::multiplyExact) * type.getNumOfBytes();
    if (bytes > Integer.MAX_VALUE) {
      throw error(bytes + " bytes exceed the 2 GiB a single NDArray buffer can hold");
    }
    this.data = ByteBuffer.allocateDirect((int) bytes);
  }

  static TensorAssembly start(String file, TensorChunk first) {
    return new TensorAssembly(file, first);
  }

  void add(TensorChunk chunk) {
    int index = storedSha256s.size();
    if (chunk.index() != index) {
      throw error("missing chunk " + index + " (found chunk " + chunk.index() + " next)");
    }
    if (!chunk.dtype().equals(dtype) || !chunk.shape().equals(shape)) {
      throw error("chunk " + index + " says " + chunk.dtype() + chunk.shape() + ", chunk 0 said " + dtype + shape);
    }
    int length = chunk.data().remaining();
    if (chunk.offset() != data.position() || length > data.remaining()) {
      throw error("chunk " + index + " holds bytes [" + chunk.offset() + ", " + (chunk.offset() + length)
          + ") but bytes [" + data.position() + ", " + data.capacity() + ") remain");
    }
    ByteBuffer slice = data.slice(data.position(), length);
    slice.put(chunk.data().duplicate()).flip();
    data.position(data.position() + length);
    storedSha256s.add(chunk.sha256());
    computedSha256s.add(Sha256.hexAsync(slice));
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

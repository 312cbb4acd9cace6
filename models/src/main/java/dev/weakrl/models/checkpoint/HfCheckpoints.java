package dev.weakrl.models.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads Hugging Face weights: {@code model.safetensors}, or the shards that {@code
 * model.safetensors.index.json} lists. A safetensors file is an 8-byte little-endian header
 * length, a JSON header {@code {name: {dtype, shape, data_offsets: [begin, end]}}} (offsets into
 * the data that follows), then the raw little-endian tensor bytes.
 */
public final class HfCheckpoints {
  static final String SINGLE_FILE = "model.safetensors";
  static final String INDEX = "model.safetensors.index.json";
  private static final long MAX_HEADER_BYTES = 100L << 20;

  private HfCheckpoints() {}

  /** All tensors of {@code dir}, F16 and BF16 upcast to F32, in file then header order. */
  public static Map<String, NDArray> loadSafetensors(String dir, NDManager manager) {
    return loadSafetensors(dir, manager, true);
  }

  /**
   * @param halfToFloat32 upcast F16 tensors to F32 (exact). BF16 is upcast regardless: DJL's
   *     PyTorch engine cannot hold it (see {@link EngineTypes}).
   */
  public static Map<String, NDArray> loadSafetensors(String dir, NDManager manager, boolean halfToFloat32) {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    String index = Storage.resolve(dir, INDEX);
    if (!Storage.exists(index)) {
      readFile(Storage.resolve(dir, SINGLE_FILE), manager, halfToFloat32, tensors);
      return tensors;
    }
    Map<String, String> fileByTensor = new LinkedHashMap<>();
    Json.read(index).path("weight_map").fields()
        .forEachRemaining(e -> fileByTensor.put(e.getKey(), e.getValue().asText()));
    for (String file : new LinkedHashSet<>(fileByTensor.values())) {
      readFile(Storage.resolve(dir, file), manager, halfToFloat32, tensors);
    }
    fileByTensor.forEach((name, file) -> {
      if (!tensors.containsKey(name)) {
        throw new CorruptCheckpointException(Storage.resolve(dir, file) + ": tensor '" + name + "' listed in " + INDEX + " is missing");
      }
    });
    return tensors;
  }

  private static void readFile(String path, NDManager manager, boolean halfToFloat32, Map<String, NDArray> into) {
    if (!Storage.exists(path)) {
      throw new IllegalArgumentException(path + ": no such file (expected " + SINGLE_FILE + " or " + INDEX + ")");
    }
    try (SeekableByteChannel channel = (SeekableByteChannel) Storage.openChannel(path)) {
      long headerBytes = read(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (headerBytes <= 0 || headerBytes > MAX_HEADER_BYTES || 8 + headerBytes > channel.size()) {
        throw new CorruptCheckpointException(path + ": header length " + headerBytes + " does not fit the file's " + channel.size() + " bytes");
      }
      JsonNode header = Json.parse(StandardCharsets.UTF_8.decode(read(channel, 8, (int) headerBytes)).toString(), path);
      long dataStart = 8 + headerBytes;
      for (var fields = header.fields(); fields.hasNext(); ) {
        var entry = fields.next();
        if (!entry.getKey().equals("__metadata__")) {
          into.put(entry.getKey(), readTensor(channel, path, entry.getKey(), entry.getValue(), dataStart, manager, halfToFloat32));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static NDArray readTensor(SeekableByteChannel channel, String path, String name, JsonNode info,
      long dataStart, NDManager manager, boolean halfToFloat32) throws IOException {
    String dtype = info.path("dtype").asText();
    List<Long> dims = new ArrayList<>();
    info.path("shape").forEach(d -> dims.add(d.asLong()));
    Shape shape = new Shape(dims.stream().mapToLong(Long::longValue).toArray());
    boolean bf16 = dtype.equals("BF16");
    DataType type = bf16 ? DataType.BFLOAT16
        : EngineTypes.fromSafetensors(dtype, problem -> corrupt(path, name, problem));
    long begin = info.path("data_offsets").path(0).asLong(-1);
    long end = info.path("data_offsets").path(1).asLong(-1);
    long expected = shape.size() * type.getNumOfBytes();
    if (begin < 0 || end - begin != expected || dataStart + end > channel.size()) {
      throw corrupt(path, name, "data_offsets [" + begin + ", " + end + ") do not hold the " + expected
          + " bytes of " + dtype + shape + " within the file's " + (channel.size() - dataStart) + " data bytes");
    }
    ByteBuffer data = read(channel, dataStart + begin, Math.toIntExact(expected));
    if (bf16) {
      return manager.create(bf16ToFloat32(data), shape, DataType.FLOAT32);
    }
    NDArray array = manager.create(data, shape, type);
    if (halfToFloat32 && type == DataType.FLOAT16) {
      try (array) {
        return array.toType(DataType.FLOAT32, false);
      }
    }
    return array;
  }

  /** BF16 is the top half of an F32: widening is a 16-bit shift, exact for every value. */
  static ByteBuffer bf16ToFloat32(ByteBuffer bf16) {
    var halves = bf16.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    ByteBuffer out = ByteBuffer.allocateDirect(halves.remaining() * 4).order(ByteOrder.nativeOrder());
    while (halves.hasRemaining()) {
      out.putInt((halves.get() & 0xFFFF) << 16);
    }
    return out.flip();
  }

  /** {@code length} bytes at {@code position}, in a direct buffer ready to read. */
  private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(length);
    channel.position(position);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("unexpected end of file at byte " + channel.position());
      }
    }
    return buffer.flip();
  }

  private static CorruptCheckpointException corrupt(String path, String name, String problem) {
    return new CorruptCheckpointException(path + ": tensor '" + name + "': " + problem);
  }
}

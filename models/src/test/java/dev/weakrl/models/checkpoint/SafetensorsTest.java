package dev.weakrl.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  private final NDManager manager = NDManager.newBaseManager();
  @TempDir Path dir;

  @AfterEach
  void close() {
    manager.close();
  }

  private record Entry(String name, String dtype, long[] shape, ByteBuffer data) {}

  private static ByteBuffer le(int capacity) {
    return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static final Entry F32 = new Entry("w.f32", "F32", new long[] {2, 3},
      le(24).putFloat(0).putFloat(1).putFloat(2).putFloat(3).putFloat(4).putFloat(-5.5f).flip());
  /** 1.5 and -2 are exact in BF16: the top 16 bits of their F32 patterns. */
  private static final Entry BF16 = new Entry("w.bf16", "BF16", new long[] {2},
      le(4).putShort((short) 0x3FC0).putShort((short) 0xC000).flip());
  private static final Entry F16 = new Entry("w.f16", "F16", new long[] {2},
      le(4).putShort((short) 0x3C00).putShort((short) 0x3800).flip());
  private static final Entry I64 = new Entry("step", "I64", new long[] {2}, le(16).putLong(7).putLong(-1).flip());

  /** A safetensors file laid out by the spec, header padded with spaces to 8 bytes. */
  private static void write(Path file, List<Entry> entries) throws IOException {
    ObjectNode header = Json.object();
    header.putObject("__metadata__").put("format", "pt");
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (Entry e : entries) {
      ObjectNode info = header.putObject(e.name());
      info.put("dtype", e.dtype());
      for (long d : e.shape()) {
        info.withArray("shape").add(d);
      }
      info.putArray("data_offsets").add(data.size()).add(data.size() + e.data().remaining());
      data.write(e.data().array(), 0, e.data().remaining());
    }
    byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer out = le(8 + padded + data.size()).putLong(padded).put(json);
    while (out.position() < 8 + padded) {
      out.put((byte) ' ');
    }
    out.put(data.toByteArray());
    Files.write(file, out.array());
  }

  @Test
  void readsEveryDtypeUpcastingHalvesToFloat32() throws IOException {
    write(dir.resolve("model.safetensors"), List.of(F32, BF16, F16, I64));
    Map<String, NDArray> tensors = HfCheckpoints.loadSafetensors(dir.toString(), manager);
    assertEquals(List.of("w.f32", "w.bf16", "w.f16", "step"), List.copyOf(tensors.keySet()));
    assertEquals(new Shape(2, 3), tensors.get("w.f32").getShape());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, -5.5f}, tensors.get("w.f32").toFloatArray());
    assertArrayEquals(new float[] {1.5f, -2f}, tensors.get("w.bf16").toFloatArray());
    assertArrayEquals(new float[] {1f, 0.5f}, tensors.get("w.f16").toFloatArray());
    assertArrayEquals(new long[] {7, -1}, tensors.get("step").toLongArray());
  }

  @Test
  void keepsFloat16WhenAsked() throws IOException {
    write(dir.resolve("model.safetensors"), List.of(F16, BF16));
    Map<String, NDArray> tensors = HfCheckpoints.loadSafetensors(dir.toString(), manager, false);
    assertEquals(DataType.FLOAT16, tensors.get("w.f16").getDataType());
    assertEquals(DataType.FLOAT32, tensors.get("w.bf16").getDataType());
  }

  @Test
  void readsShardsListedByTheIndex() throws IOException {
    write(dir.resolve("model-00001-of-00002.safetensors"), List.of(F32));
    write(dir.resolve("model-00002-of-00002.safetensors"), List.of(I64));
    Files.writeString(dir.resolve(HfCheckpoints.INDEX), """
        {"metadata": {"total_size": 40}, "weight_map": {
          "w.f32": "model-00001-of-00002.safetensors", "step": "model-00002-of-00002.safetensors"}}""");
    Map<String, NDArray> tensors = HfCheckpoints.loadSafetensors(dir.toString(), manager);
    assertEquals(List.of("w.f32", "step"), List.copyOf(tensors.keySet()));
  }

  @Test
  void aTensorMissingFromItsShardIsNamed() throws IOException {
    write(dir.resolve("a.safetensors"), List.of(F32));
    Files.writeString(dir.resolve(HfCheckpoints.INDEX),
        "{\"weight_map\": {\"w.f32\": \"a.safetensors\", \"lm_head.weight\": \"a.safetensors\"}}");
    var e = assertThrows(CorruptCheckpointException.class,
        () -> HfCheckpoints.loadSafetensors(dir.toString(), manager));
    assertTrue(e.getMessage().contains("a.safetensors: tensor 'lm_head.weight'"), e.getMessage());
  }

  @Test
  void offsetsThatDisagreeWithTheShapeNameFileAndTensor() throws IOException {
    write(dir.resolve("model.safetensors"), List.of(new Entry("short", "F32", new long[] {3}, le(8).putLong(0).flip())));
    var e = assertThrows(CorruptCheckpointException.class,
        () -> HfCheckpoints.loadSafetensors(dir.toString(), manager));
    assertTrue(e.getMessage().contains("model.safetensors: tensor 'short': data_offsets [0, 8)"), e.getMessage());
  }

  @Test
  void aTruncatedFileIsNamed() throws IOException {
    Path file = dir.resolve("model.safetensors");
    write(file, List.of(F32, I64));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 4));
    var e = assertThrows(CorruptCheckpointException.class,
        () -> HfCheckpoints.loadSafetensors(dir.toString(), manager));
    assertTrue(e.getMessage().contains("model.safetensors: tensor 'step'"), e.getMessage());
  }

  /** A file whose header is {@code json} as given, followed by {@code dataBytes} zero bytes. */
  private static void writeRaw(Path file, long claimedHeaderBytes, String json, int dataBytes) throws IOException {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    Files.write(file, le(8 + header.length + dataBytes).putLong(claimedHeaderBytes).put(header).array());
  }

  @Test
  void aHeaderLengthBeyondTheFileNamesTheFileAndAllocatesNothing() throws IOException {
    Path file = dir.resolve("model.safetensors");
    writeRaw(file, 1L << 62, "{}", 0);
    var e = assertThrows(CorruptCheckpointException.class,
        () -> HfCheckpoints.loadSafetensors(dir.toString(), manager));
    assertTrue(e.getMessage().contains("model.safetensors: header length 4611686018427387904 does not fit the file's "
        + "10 bytes"), e.getMessage());
  }

  @Test
  void craftedShapesAndOffsetsNameTheFileAndTensorAndAllocateNothing() throws IOException {
    Path file = dir.resolve("model.safetensors");
    Map<String, String> headers = Map.of(
        "a terabyte past the end", "{\"w\": {\"dtype\": \"F32\", \"shape\": [274877906944], "
            + "\"data_offsets\": [0, 1099511627776]}}",
        "negative sizes", "{\"w\": {\"dtype\": \"F32\", \"shape\": [-2, -1], \"data_offsets\": [0, 8]}}",
        "a product that overflows", "{\"w\": {\"dtype\": \"F32\", \"shape\": [4294967296, 4294967296], "
            + "\"data_offsets\": [0, 0]}}",
        "no offsets", "{\"w\": {\"dtype\": \"F32\", \"shape\": [2]}}");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String json = h.getValue() + " ".repeat(8 - h.getValue().length() % 8);
      writeRaw(file, json.length(), json, 8);
      var e = assertThrows(CorruptCheckpointException.class,
          () -> HfCheckpoints.loadSafetensors(dir.toString(), manager), h.getKey());
      assertTrue(e.getMessage().contains("model.safetensors: tensor 'w': "), h.getKey() + ": " + e.getMessage());
    }
  }
}

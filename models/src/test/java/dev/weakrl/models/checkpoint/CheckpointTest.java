package dev.weakrl.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.CharTokenizer;
import dev.weakrl.models.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  private static final LlamaConfig CONFIG = LlamaConfig.tiny(101);
  private final NDManager manager = NDManager.newBaseManager();
  private final Random random = new Random(7);
  @TempDir Path root;

  @AfterEach
  void close() {
    manager.close();
  }

  /** Random bits, so NaN payloads, subnormals and negative zeros all have to survive. */
  private NDArray randomTensor(DataType type, long... shape) {
    byte[] bytes = new byte[Math.toIntExact(new Shape(shape).size() * type.getNumOfBytes())];
    random.nextBytes(bytes);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    return manager.create(direct, new Shape(shape), type);
  }

  private static byte[] bytesOf(NDArray array) {
    ByteBuffer buffer = array.toByteBuffer();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private Map<String, NDArray> tensors() {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    tensors.put("model.embed_tokens.weight", randomTensor(DataType.FLOAT32, 101, 128));
    tensors.put("model.layers.0.self_attn.q_proj.weight", randomTensor(DataType.FLOAT16, 128, 128));
    tensors.put("mask", randomTensor(DataType.UINT8, 7));
    tensors.put("model.norm.weight", randomTensor(DataType.FLOAT32, 128));
    tensors.put("positions", randomTensor(DataType.INT32, 3, 5));
    tensors.put("step", randomTensor(DataType.INT64));
    return tensors;
  }

  private String save(Map<String, NDArray> tensors) {
    String dir = root.resolve("ckpt").toString();
    ObjectNode extras = Json.object().put("step", 25).put("seed", 3);
    Checkpoint.save(dir, CONFIG, CharTokenizer.standard(), tensors, extras);
    return dir;
  }

  @Test
  void roundTripIsBitIdenticalInOrder() {
    Map<String, NDArray> saved = tensors();
    Checkpoint.Loaded loaded = Checkpoint.load(save(saved), manager);
    assertEquals(List.copyOf(saved.keySet()), List.copyOf(loaded.tensors().keySet()));
    saved.forEach((name, array) -> {
      NDArray back = loaded.tensors().get(name);
      assertEquals(array.getDataType(), back.getDataType(), name);
      assertEquals(array.getShape(), back.getShape(), name);
      assertArrayEquals(bytesOf(array), bytesOf(back), name);
    });
    assertEquals(CONFIG, loaded.config());
    assertEquals(25, loaded.extras().path("step").asInt());
    assertEquals(6, loaded.manifest().path("tensor_count").asInt());
    assertArrayEquals(CharTokenizer.standard().encode("<bos>1+1"), loaded.tokenizer().encode("<bos>1+1"));
  }

  @Test
  void tensorsLargerThanAChunkSpanRows(@TempDir Path dir) {
    NDArray big = randomTensor(DataType.INT8, TensorFile.CHUNK_BYTES + 1000);
    String path = dir.resolve("state.parquet").toString();
    Map<String, TensorInfo> written = TensorFile.write(path, Map.of("big", big));
    assertEquals(TensorFile.CHUNK_BYTES + 1000L, written.get("big").bytes());
    assertArrayEquals(bytesOf(big), bytesOf(TensorFile.read(path, manager).get("big")));
  }

  @Test
  void aFlippedByteNamesTheFileAndTheTensor() throws IOException {
    Map<String, NDArray> saved = tensors();
    String dir = save(saved);
    Path weights = Path.of(dir, Checkpoint.WEIGHTS);
    byte[] file = Files.readAllBytes(weights);
    int at = indexOf(file, bytesOf(saved.get("model.norm.weight")));
    assertTrue(at > 0);
    file[at + 10] ^= 0x01;
    Files.write(weights, file);
    var e = assertThrows(CorruptCheckpointException.class, () -> Checkpoint.load(dir, manager));
    assertTrue(e.getMessage().contains(weights.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("'model.norm.weight'") && e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
  }

  /** Every byte of every tensor is verified: each of many single flipped bytes is found, naming its tensor. */
  @Test
  void everyFlippedTensorByteIsFound() throws IOException {
    Map<String, NDArray> saved = tensors();
    String dir = save(saved);
    Path weights = Path.of(dir, Checkpoint.WEIGHTS);
    byte[] clean = Files.readAllBytes(weights);
    int flips = 0;
    for (Map.Entry<String, NDArray> e : saved.entrySet()) {
      byte[] tensor = bytesOf(e.getValue());
      int at = indexOf(clean, tensor);
      assertTrue(at > 0, e.getKey());
      for (int i = 0; i < tensor.length; i += Math.max(1, tensor.length / 40)) {
        byte[] file = clean.clone();
        file[at + i] ^= (byte) (1 << (i % 8));
        Files.write(weights, file);
        var error = assertThrows(CorruptCheckpointException.class, () -> Checkpoint.load(dir, manager),
            "byte " + i + " of " + e.getKey());
        assertTrue(error.getMessage().contains("'" + e.getKey() + "'"), error.getMessage());
        flips++;
      }
    }
    assertTrue(flips > 150, "flipped " + flips + " bytes");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aTruncatedWeightsFileIsNamed() throws IOException {
    String dir = save(tensors());
    Path weights = Path.of(dir, Checkpoint.WEIGHTS);
    byte[] file = Files.readAllBytes(weights);
    Files.write(weights, Arrays.copyOf(file, file.length - 100));
    var e = assertThrows(CorruptCheckpointException.class, () -> Checkpoint.load(dir, manager));
    assertTrue(e.getMessage().startsWith(weights + ": unreadable Parquet"), e.getMessage());
  }

  @Test
  void aMissingChunkIsNamed(@TempDir Path dir) throws IOException {
    String path = dir.resolve("state.parquet").toString();
    TensorFile.write(path, Map.of("big", randomTensor(DataType.UINT8, 2L * TensorFile.CHUNK_BYTES + 1)));
    String dropped = dir.resolve("dropped.parquet").toString();
    try (var reader = ChunkParquet.openReader(path); var writer = new ChunkParquet.Writer(dropped)) {
      writer.write(ChunkParquet.fromRow(reader.read()));
      reader.read();
      writer.write(ChunkParquet.fromRow(reader.read()));
    }
    var e = assertThrows(CorruptCheckpointException.class, () -> TensorFile.read(dropped, manager));
    assertTrue(e.getMessage().contains(dropped + ": tensor 'big': missing chunk 1"), e.getMessage());
  }

  @Test
  void aTensorMissingFromTheWeightsIsNamed() {
    Map<String, NDArray> fewer = tensors();
    String dir = save(fewer);
    fewer.remove("positions");
    TensorFile.write(Path.of(dir, Checkpoint.WEIGHTS).toString(), fewer);
    var e = assertThrows(CorruptCheckpointException.class, () -> Checkpoint.load(dir, manager));
    assertTrue(e.getMessage().contains("tensor 'positions' is missing"), e.getMessage());
  }

  @Test
  void withoutManifestItIsNotACompleteCheckpoint() throws IOException {
    String dir = save(tensors());
    Files.delete(Path.of(dir, Checkpoint.MANIFEST));
    var e = assertThrows(CorruptCheckpointException.class, () -> Checkpoint.load(dir, manager));
    assertTrue(e.getMessage().contains("not a complete checkpoint"), e.getMessage());
  }

  @Test
  void aFailedSaveLeavesNothingVisible() throws IOException {
    Tokenizer failing = new UnsavableTokenizer();
    String dir = root.resolve("ckpt").toString();
    assertThrows(IllegalStateException.class,
        () -> Checkpoint.save(dir, CONFIG, failing, tensors(), Json.object()));
    try (var entries = Files.list(root)) {
      assertEquals(List.of(), entries.toList());
    }
  }

  @Test
  void aSuccessfulSaveLeavesOnlyTheCheckpointAndItsPreviousVersion() throws IOException {
    save(tensors());
    save(tensors());
    try (var entries = Files.list(root)) {
      List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
      // The published link, the version it points to and the one that version replaced: no staging.
      assertEquals(3, names.size(), names.toString());
      assertEquals("ckpt", names.get(0));
      assertTrue(names.contains(Files.readSymbolicLink(root.resolve("ckpt")).toString()), names.toString());
    }
    assertFalse(Files.exists(root.resolve("ckpt").resolve("ckpt")));
  }

  /** A tokenizer whose files cannot be written, to fail a save halfway. */
  private static final class UnsavableTokenizer implements Tokenizer {
    private final Tokenizer chars = CharTokenizer.standard();

    @Override
    public int[] encode(String text) {
      return chars.encode(text);
    }

    @Override
    public String decode(int[] ids) {
      return chars.decode(ids);
    }

    @Override
    public int vocabSize() {
      return chars.vocabSize();
    }

    @Override
    public int bosId() {
      return chars.bosId();
    }

    @Override
    public int eosId() {
      return chars.eosId();
    }

    @Override
    public int padId() {
      return chars.padId();
    }

    @Override
    public void save(String dir) {
      throw new IllegalStateException("disk full");
    }
  }
}

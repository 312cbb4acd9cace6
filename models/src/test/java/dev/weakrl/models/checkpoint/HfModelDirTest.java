package dev.weakrl.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.CharTokenizer;
import dev.weakrl.models.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hugging Face directories through {@link Checkpoint#load}: the same model, or an error that names the fault. */
class HfModelDirTest {
  /** Qwen2: GQA, tied embeddings, q/k/v biases; 12 embedding rows for a 10-token tokenizer, as Qwen pads its vocab. */
  private static final LlamaConfig QWEN2 =
      new LlamaConfig("qwen2", 12, 16, 40, 2, 4, 2, 4, 32, 1e-6, 1e6, null, true, true, false);
  /** Llama 3.1 style: untied lm_head, llama3 rope scaling. */
  private static final LlamaConfig LLAMA = new LlamaConfig("llama", 12, 16, 40, 2, 4, 2, 4, 32, 1e-5, 5e5,
      new LlamaConfig.RopeScaling(8, 1, 4, 16), false, false, false);

  /** A WordLevel tokenizer of 10 tokens, ids 0..9. */
  private static final String TOKENIZER_JSON = """
      {"version": "1.0", "truncation": null, "padding": null, "normalizer": null, "post_processor": null,
       "decoder": null, "pre_tokenizer": {"type": "Whitespace"},
       "added_tokens": [{"id": 1, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false,
         "normalized": false, "special": true}],
       "model": {"type": "WordLevel", "unk_token": "<unk>", "vocab": {
         "<unk>": 0, "</s>": 1, "a": 2, "b": 3, "c": 4, "d": 5, "e": 6, "f": 7, "g": 8, "h": 9}}}
      """;

  private final NDManager manager = NDManager.newBaseManager();
  @TempDir Path root;

  @AfterEach
  void close() {
    manager.close();
  }

  /** Every parameter random, biases and norms included, so a mis-mapped tensor changes the logits. */
  private Llama randomModel(LlamaConfig c, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    Llama.parameterShapes(c).forEach((name, shape) -> {
      float[] values = new float[(int) shape.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((name.contains("norm") ? 1 : 0) + 0.3 * random.nextGaussian());
      }
      tensors.put(name, manager.create(values, shape));
    });
    return Llama.fromTensors(c, tensors, manager);
  }

  private float[] logits(Llama model) {
    NDArray tokens = manager.create(new int[] {1, 2, 3, 9, 4, 0, 5, 11, 6, 7, 2, 2}, new Shape(2, 6));
    return model.forward(tokens, manager.ones(new Shape(2, 6))).toFloatArray();
  }

  /** The config.json Hugging Face writes: its own field set, head_dim and num_key_value_heads implied or not. */
  private static ObjectNode hfConfig(LlamaConfig c) {
    ObjectNode n = Json.object();
    n.put("model_type", c.modelType());
    n.putArray("architectures").add(c.modelType().equals("qwen2") ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
    n.put("hidden_act", "silu").put("torch_dtype", "bfloat16").put("vocab_size", c.vocabSize());
    n.put("hidden_size", c.hiddenSize()).put("intermediate_size", c.intermediateSize());
    n.put("num_hidden_layers", c.numLayers()).put("num_attention_heads", c.numHeads());
    n.put("num_key_value_heads", c.numKvHeads()).put("max_position_embeddings", c.maxPositions());
    n.put("rms_norm_eps", c.rmsNormEps()).put("rope_theta", c.ropeTheta());
    n.put("tie_word_embeddings", c.tieEmbeddings());
    if (c.ropeScaling() == null) {
      n.putNull("rope_scaling");
    } else {
      n.putObject("rope_scaling").put("rope_type", "llama3").put("factor", c.ropeScaling().factor())
          .put("low_freq_factor", c.ropeScaling().lowFreqFactor())
          .put("high_freq_factor", c.ropeScaling().highFreqFactor())
          .put("original_max_position_embeddings", c.ropeScaling().originalMaxPositions());
    }
    if (c.modelType().equals("qwen2")) {
      n.put("use_sliding_window", false).put("sliding_window", 4096).put("max_window_layers", 28);
    }
    return n;
  }

  /** {@code model} as a Hugging Face directory: F32 weights in {@code shards} files (an index when more than one). */
  private String writeHfDir(String name, Llama model, ObjectNode config, int shards) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    Files.writeString(dir.resolve("config.json"), Json.write(config));
    Files.writeString(dir.resolve("tokenizer.json"), TOKENIZER_JSON);
    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\", \"pad_token\": null}");
    List<String> names = List.copyOf(model.parameters().keySet());
    if (shards == 1) {
      HfCheckpoints.writeSafetensors(dir.resolve(HfCheckpoints.SINGLE_FILE).toString(), model.parameters(),
          HfCheckpoints.Precision.F32);
      return dir.toString();
    }
    ObjectNode weightMap = Json.object();
    for (int s = 0; s < shards; s++) {
      String file = String.format("model-%05d-of-%05d.safetensors", s + 1, shards);
      Map<String, NDArray> part = new LinkedHashMap<>();
      for (int i = s * names.size() / shards; i < (s + 1) * names.size() / shards; i++) {
        part.put(names.get(i), model.parameters().get(names.get(i)));
        weightMap.put(names.get(i), file);
      }
      HfCheckpoints.writeSafetensors(dir.resolve(file).toString(), part, HfCheckpoints.Precision.F32);
    }
    ObjectNode index = Json.object();
    index.putObject("metadata").put("total_size", 0);
    index.set("weight_map", weightMap);
    Files.writeString(dir.resolve(HfCheckpoints.INDEX), Json.write(index));
    return dir.toString();
  }

  private String qwenDir(Consumer<ObjectNode> editConfig) throws IOException {
    ObjectNode config = hfConfig(QWEN2);
    editConfig.accept(config);
    return writeHfDir("qwen", randomModel(QWEN2, 1), config, 1);
  }

  private static void assertMessage(RuntimeException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }
  }

  @Test
  void aShardedQwen2DirectoryLoadsToTheSameLogits() throws IOException {
    Llama original = randomModel(QWEN2, 1);
    String dir = writeHfDir("qwen", original, hfConfig(QWEN2), 3);
    assertTrue(Checkpoint.isHuggingFace(dir));
    Checkpoint.Loaded loaded = Checkpoint.load(dir, manager);
    assertEquals(QWEN2, loaded.config());
    HfTokenizer tokenizer = assertInstanceOf(HfTokenizer.class, loaded.tokenizer());
    assertEquals(1, tokenizer.eosId());
    assertArrayEquals(logits(original), logits(loaded.model(manager)));
  }

  @Test
  void anUntiedLlamaWithRopeScalingLoadsToTheSameLogits() throws IOException {
    Llama original = randomModel(LLAMA, 2);
    String dir = writeHfDir("llama", original, hfConfig(LLAMA), 1);
    Checkpoint.Loaded loaded = Checkpoint.load(dir, manager);
    assertEquals(LLAMA, loaded.config());
    assertArrayEquals(logits(original), logits(loaded.model(manager)));
  }

  @Test
  void configFieldsThatChangeTheModelAreRefusedByNameAndValue() throws IOException {
    record Case(Consumer<ObjectNode> edit, String[] expected) {}
    List<Case> cases = List.of(
        new Case(c -> c.put("model_type", "mistral"), new String[] {"model_type", "mistral"}),
        new Case(c -> c.put("hidden_act", "gelu"), new String[] {"hidden_act", "gelu"}),
        new Case(c -> c.putObject("rope_scaling").put("rope_type", "yarn").put("factor", 4),
            new String[] {"rope_scaling", "yarn"}),
        new Case(c -> c.put("use_sliding_window", true), new String[] {"use_sliding_window"}));
    for (Case c : cases) {
      String dir = qwenDir(c.edit());
      var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir, manager));
      assertMessage(e, c.expected());
      assertMessage(e, "config.json");
    }
  }

  @Test
  void aShapeTheConfigDoesNotDescribeNamesTheTensorAndBothShapes() throws IOException {
    String dir = qwenDir(c -> c.put("intermediate_size", 48));
    // check reads headers only, so the shapes are compared before any weight is read.
    var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.check(dir));
    assertMessage(e, "model.layers.0.mlp.gate_proj.weight", "(40, 16)", "(48, 16)");
    assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir, manager))
        .getMessage());
  }

  @Test
  void aTokenizerLargerThanTheEmbeddingNamesBothSizes() throws IOException {
    LlamaConfig small = QWEN2.withVocabSize(8);
    String dir = writeHfDir("small", randomModel(small, 3), hfConfig(small), 1);
    var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir, manager));
    assertMessage(e, "tokenizer has 10 tokens", "8 rows");
  }

  @Test
  void withoutWeightsTheErrorSaysWhatWasLookedFor() throws IOException {
    String dir = qwenDir(c -> {});
    Files.delete(Path.of(dir, HfCheckpoints.SINGLE_FILE));
    var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir, manager));
    assertMessage(e, "no weights", "model.safetensors", "model.safetensors.index.json");
  }

  @Test
  void pickleWeightsAreRefusedWithWhyAndHowToConvert() throws IOException {
    String dir = qwenDir(c -> {});
    Files.delete(Path.of(dir, HfCheckpoints.SINGLE_FILE));
    // Not a pickle at all: the loader must refuse by name, never open it.
    Files.writeString(Path.of(dir, "pytorch_model.bin"), "not read");
    Files.writeString(Path.of(dir, "training_args.pt"), "not read");
    var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir, manager));
    assertMessage(e, "pytorch_model.bin", "training_args.pt", "arbitrary code", "safe_serialization=True");
  }

  @Test
  void aDirectoryOfNeitherKindSaysWhatEachNeeds() {
    var e = assertThrows(CorruptCheckpointException.class, () -> Checkpoint.load(root.toString(), manager));
    assertMessage(e, "manifest.json", "config.json");
  }

  @Test
  void exportInFloat32LoadsBackThroughTheHfPathToIdenticalLogits() {
    CharTokenizer tokenizer = CharTokenizer.standard();
    LlamaConfig config = QWEN2.withVocabSize(tokenizer.vocabSize());
    Llama original = randomModel(config, 4);
    String dir = root.resolve("export").toString();
    HfCheckpoints.export(dir, original, tokenizer, HfCheckpoints.Precision.F32);
    assertTrue(Checkpoint.isHuggingFace(dir));
    JsonNode generation = Json.read(dir + "/" + HfCheckpoints.GENERATION_CONFIG);
    assertEquals(tokenizer.eosId(), generation.path("eos_token_id").asInt());
    Checkpoint.Loaded loaded = Checkpoint.load(dir, manager);
    assertEquals(config, loaded.config());
    assertArrayEquals(logits(original), logits(loaded.model(manager)));
  }

  @Test
  void anExportAboveTheShardSizeIsShardedWithAnIndexAndLoadsBackToIdenticalLogits() throws IOException {
    CharTokenizer tokenizer = CharTokenizer.standard();
    LlamaConfig config = QWEN2.withVocabSize(tokenizer.vocabSize());
    Llama original = randomModel(config, 6);
    String dir = root.resolve("sharded").toString();
    HfCheckpoints.export(dir, original, tokenizer, HfCheckpoints.Precision.F32, 4_000);
    JsonNode index = Json.read(dir + "/" + HfCheckpoints.INDEX);
    java.util.Set<String> files = new java.util.TreeSet<>();
    index.path("weight_map").forEach(f -> files.add(f.asText()));
    assertTrue(files.size() > 2, "shards: " + files);
    assertEquals(original.parameters().size(), index.path("weight_map").size());
    long total = original.parameters().values().stream().mapToLong(t -> t.getShape().size() * 4).sum();
    assertEquals(total, index.path("metadata").path("total_size").asLong());
    assertEquals(String.format("model-%05d-of-%05d.safetensors", files.size(), files.size()), ((java.util.TreeSet<String>) files).last());
    assertTrue(!Files.exists(Path.of(dir, HfCheckpoints.SINGLE_FILE)));
    assertArrayEquals(logits(original), logits(Checkpoint.load(dir, manager).model(manager)));
  }

  @Test
  void generationConfigEosIdsStopGenerationAndSurviveExport() throws IOException {
    String dir = qwenDir(c -> {});
    Files.writeString(Path.of(dir, HfCheckpoints.GENERATION_CONFIG), "{\"eos_token_id\": [9, 1], \"top_p\": 0.8}");
    Checkpoint.Loaded loaded = Checkpoint.load(dir, manager);
    assertArrayEquals(new int[] {1, 9}, loaded.tokenizer().stopIds());
    String exported = root.resolve("exported").toString();
    HfCheckpoints.export(exported, loaded.model(manager), loaded.tokenizer(), HfCheckpoints.Precision.F32);
    assertArrayEquals(new int[] {1, 9}, Checkpoint.load(exported, manager).tokenizer().stopIds());

    Files.writeString(Path.of(dir, HfCheckpoints.GENERATION_CONFIG), "{\"eos_token_id\": 99}");
    var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir, manager));
    assertMessage(e, HfCheckpoints.GENERATION_CONFIG, "eos_token_id 99", "0 to 9");
  }

  @Test
  void aChatTemplateJinjaFileWinsOverTheTokenizerConfigs() throws IOException {
    String dir = qwenDir(c -> {});
    Files.writeString(Path.of(dir, "tokenizer_config.json"),
        "{\"eos_token\": \"</s>\", \"chat_template\": \"config:{{ messages[0]['content'] }}\"}");
    Files.writeString(Path.of(dir, "chat_template.jinja"), "jinja:{{ messages[0]['content'] }}{{ eos_token }}");
    var template = Checkpoint.load(dir, manager).tokenizer().chatTemplate().orElseThrow();
    assertEquals("jinja:a b</s>", template.render(List.of(dev.weakrl.models.tokenizer.ChatMessage.user("a b")), true, Map.of()));
  }

  @Test
  void exportInBf16RoundsEachWeightToNearestEven() {
    CharTokenizer tokenizer = CharTokenizer.standard();
    LlamaConfig config = LLAMA.withVocabSize(tokenizer.vocabSize());
    Llama original = randomModel(config, 5);
    String dir = root.resolve("bf16").toString();
    HfCheckpoints.export(dir, original, tokenizer, HfCheckpoints.Precision.BF16);
    JsonNode written = Json.read(dir + "/config.json");
    assertEquals("bfloat16", written.path("torch_dtype").asText());
    Map<String, NDArray> tensors = HfCheckpoints.loadSafetensors(dir, manager);
    original.parameters().forEach((name, p) -> {
      float[] expected = p.toFloatArray();
      for (int i = 0; i < expected.length; i++) {
        expected[i] = Float.intBitsToFloat(HfCheckpoints.float32ToBf16(expected[i]) << 16);
      }
      assertArrayEquals(expected, tensors.get(name).toFloatArray(), name);
    });
    assertEquals(original.parameters().keySet(), tensors.keySet());
  }

  @Test
  void bf16RoundsHalfwayToEven() {
    float halfwayDown = 1 + 0x1p-8f; // between 1 (even) and 1 + 2^-7
    float halfwayUp = 1 + 0x1p-7f + 0x1p-8f; // between 1 + 2^-7 and 1 + 2^-6 (even)
    assertEquals(1f, Float.intBitsToFloat(HfCheckpoints.float32ToBf16(halfwayDown) << 16));
    assertEquals(1 + 0x1p-6f, Float.intBitsToFloat(HfCheckpoints.float32ToBf16(halfwayUp) << 16));
    assertTrue(Float.isNaN(Float.intBitsToFloat(HfCheckpoints.float32ToBf16(Float.NaN) << 16)));
  }
}

package dev.weakrl.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LlamaTest {
  /** GQA (4 query heads over 2 kv heads), tied embeddings, Qwen2-style q/k/v biases. */
  static final LlamaConfig CONFIG =
      new LlamaConfig("qwen2", 23, 16, 40, 2, 4, 2, 4, 32, 1e-6, 500.0, null, true, true, false);

  static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** Random weights, biases and norms included, so every term of the forward is exercised. */
  static Llama randomModel(LlamaConfig c, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, Shape> e : Llama.parameterShapes(c).entrySet()) {
      float[] values = new float[(int) e.getValue().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (e.getKey().contains("norm") ? 1 + 0.3 * random.nextGaussian() : 0.4 * random.nextGaussian());
      }
      tensors.put(e.getKey(), manager.create(values, e.getValue()));
    }
    return Llama.fromTensors(c, tensors, manager);
  }

  @Test
  void logitsMatchDoublePrecisionReference() {
    try (Llama model = randomModel(CONFIG, 7); NDManager step = manager.newSubManager()) {
      Map<String, double[]> weights = new HashMap<>();
      model.parameters().forEach((name, p) -> {
        float[] f = p.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
          d[i] = f[i];
        }
        weights.put(name, d);
      });
      ReferenceLlama reference = new ReferenceLlama(CONFIG, weights);
      int[][] sequences = {{1, 5, 9, 22, 3, 3, 0, 17, 4}, {2, 8, 13, 6}};
      int width = 9;
      int[] flat = new int[2 * width];
      int[] mask = new int[2 * width];
      for (int b = 0; b < 2; b++) {
        for (int t = 0; t < sequences[b].length; t++) {
          flat[b * width + t] = sequences[b][t];
          mask[b * width + t] = 1;
        }
      }
      NDArray logits = model.forward(step.create(flat, new Shape(2, width)), step.create(mask, new Shape(2, width)));
      assertEquals(new Shape(2, width, CONFIG.vocabSize()), logits.getShape());
      for (int b = 0; b < 2; b++) {
        double[][] expected = reference.forward(sequences[b]);
        float[] actual = logits.get(b).toFloatArray();
        double maxDiff = 0;
        double maxRef = 0;
        for (int t = 0; t < sequences[b].length; t++) {
          for (int v = 0; v < CONFIG.vocabSize(); v++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[t * CONFIG.vocabSize() + v] - expected[t][v]));
            maxRef = Math.max(maxRef, Math.abs(expected[t][v]));
          }
        }
        assertTrue(maxRef > 1, "reference logits are not trivially small");
        assertTrue(maxDiff / maxRef <= 1e-4, "row " + b + ": relative error " + maxDiff / maxRef);
      }
    }
  }

  @Test
  void kvCachedDecodingMatchesFullForwardAtEveryPosition() {
    try (Llama model = randomModel(CONFIG, 11); NDManager step = manager.newSubManager()) {
      int[] tokens = {3, 14, 15, 9, 2, 6, 5, 3, 5, 8, 9, 7};
      int n = tokens.length;
      NDArray full = model.forward(step.create(tokens, new Shape(1, n)), step.ones(new Shape(1, n), DataType.INT32));
      try (KvCache cache = new KvCache(CONFIG, 1, n, step)) {
        // A 4-token prefill, then one token at a time.
        int[] chunks = {4, 1, 1, 1, 1, 1, 1, 1, 1};
        int at = 0;
        for (int len : chunks) {
          try (NDManager s = step.newSubManager()) {
            int[] ids = java.util.Arrays.copyOfRange(tokens, at, at + len);
            int[] pos = new int[len];
            for (int i = 0; i < len; i++) {
              pos[i] = at + i;
            }
            NDArray logits = model.forward(s.create(ids, new Shape(1, len)), s.create(pos, new Shape(1, len)),
                s.ones(new Shape(1, len), DataType.INT32), cache);
            float[] expected = full.get(new NDIndex(":, {}:{}", at, at + len)).toFloatArray();
            assertArrayEquals(expected, logits.toFloatArray(), 1e-4f, "positions " + at + ".." + (at + len));
          }
          at += len;
        }
        assertEquals(n, cache.length());
      }
    }
  }

  @Test
  void leftPaddedRowGivesTheSameLogitsAsUnpadded() {
    try (Llama model = randomModel(CONFIG, 13); NDManager step = manager.newSubManager();
        KvCache cache = new KvCache(CONFIG, 2, 6, step)) {
      // Row 0: [7 8 9 10 11 12]; row 1: two pads, then [7 8 9 10].
      int[] ids = {7, 8, 9, 10, 11, 12, 0, 0, 7, 8, 9, 10};
      int[] pos = {0, 1, 2, 3, 4, 5, 0, 0, 0, 1, 2, 3};
      int[] valid = {1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1};
      NDArray logits = model.forward(step.create(ids, new Shape(2, 6)), step.create(pos, new Shape(2, 6)),
          step.create(valid, new Shape(2, 6)), cache);
      float[] row0 = logits.get(new NDIndex("0, 0:4")).toFloatArray();
      float[] row1 = logits.get(new NDIndex("1, 2:6")).toFloatArray();
      assertArrayEquals(row0, row1, 1e-4f);
    }
  }

  @Test
  void loaderNamesTheTensorThatDoesNotFit() {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    Llama.parameterShapes(CONFIG).forEach((name, shape) -> tensors.put(name, manager.zeros(shape)));
    tensors.put("model.layers.1.mlp.up_proj.weight", manager.zeros(new Shape(3, 3)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Llama.fromTensors(CONFIG, tensors, manager));
    assertTrue(e.getMessage().contains("model.layers.1.mlp.up_proj.weight"), e.getMessage());
    tensors.remove("model.layers.1.mlp.up_proj.weight");
    e = assertThrows(IllegalArgumentException.class, () -> Llama.fromTensors(CONFIG, tensors, manager));
    assertTrue(e.getMessage().contains("lacks tensor model.layers.1.mlp.up_proj.weight"), e.getMessage());
  }

  @Test
  void configRoundTripsThroughHuggingFaceJson() {
    LlamaConfig scaled = new LlamaConfig("llama", 128256, 2048, 8192, 16, 32, 8, 64, 131072, 1e-5, 500000.0,
        new LlamaConfig.RopeScaling(32, 1, 4, 8192), true, false, false);
    assertEquals(scaled, LlamaConfig.fromJson(scaled.toJson(), "config.json"));
    assertEquals(CONFIG, LlamaConfig.fromJson(CONFIG.toJson(), "config.json"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LlamaConfig.fromJson("{\"hidden_size\": 8, \"num_attention_heads\": 2}", "x/config.json"));
    assertTrue(e.getMessage().contains("x/config.json") && e.getMessage().contains("vocab_size"), e.getMessage());
  }
}

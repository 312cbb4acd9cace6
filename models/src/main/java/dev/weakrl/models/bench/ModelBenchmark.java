package dev.weakrl.models.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.weakrl.models.checkpoint.CheckpointBenchmark;
import dev.weakrl.models.generate.Generator;
import dev.weakrl.models.generate.SamplingParams;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.train.AdamW;
import dev.weakrl.models.train.GradientScope;
import dev.weakrl.models.train.Losses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The model suite of {@code ./weakrl bench}: every figure is a ratio or a rate measured in this
 * process, so machines can be compared by the ratios.
 */
public final class ModelBenchmark {
  /** The fixed training config of {@code train_mfu}: hidden 512, 8 layers, 8 heads, seq 256, batch 8. */
  static final LlamaConfig TRAIN_CONFIG =
      new LlamaConfig("llama", 4096, 512, 1376, 8, 8, 8, 64, 256, 1e-5, 10000.0, null, false, false, false);

  static final int TRAIN_BATCH = 8;
  static final int TRAIN_SEQ = 256;

  /** Decoding is measured on the embedded default, the model RL samples from on a laptop. */
  static final LlamaConfig DECODE_CONFIG = LlamaConfig.tiny(100);

  private ModelBenchmark() {}

  public static Map<String, Double> run(Consumer<String> progress) {
    Map<String, Double> figures = new LinkedHashMap<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      progress.accept("resident memory over 1,000 training steps (child JVM)");
      figures.put("rss_growth_1000_steps", RssProbe.measureInChildJvm(1000));
      progress.accept("matmul peak");
      double peak = matmulPeakGflops();
      figures.put("matmul_peak_gflops", peak);
      progress.accept("training step (hidden 512, 8 layers, seq 256, batch 8)");
      double trainGflops = trainGflops(manager, TRAIN_CONFIG, TRAIN_BATCH, TRAIN_SEQ, 2, 4);
      figures.put("train_gflops", trainGflops);
      figures.put("train_mfu", trainGflops / peak);
      progress.accept("decoding at batch 64");
      try (Llama model = Llama.init(DECODE_CONFIG, manager, 1)) {
        List<int[]> prompts = randomPrompts(64, 16, DECODE_CONFIG.vocabSize());
        double cached = time(() -> Generator.generate(model, prompts, SamplingParams.greedy(256)));
        figures.put("decode_tokens_per_s", 64 * 256 / cached);
        progress.accept("decoding without the KV cache, batch 8");
        List<int[]> few = prompts.subList(0, 8);
        // Best of three each, in turns: one timing of each moved the ratio by a quarter between runs.
        double withCache = Double.MAX_VALUE;
        double withoutCache = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
          withCache = Math.min(withCache, time(() -> Generator.generate(model, few, SamplingParams.greedy(256))));
          withoutCache = Math.min(withoutCache, time(() -> generateWithoutCache(model, few, 256)));
        }
        figures.put("kv_cache_speedup", withoutCache / withCache);
      }
    }
    progress.accept("checkpoint write and read, ~110M parameters");
    figures.putAll(checkpointRatios());
    return figures;
  }

  /** Best-of-five fp32 2048×2048 matmul rate of the engine in this process, in GFLOP/s. */
  public static double matmulPeakGflops() {
    int n = 2048;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
      NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 7; i++) {
        try (NDManager s = m.newSubManager()) {
          a.tempAttach(s);
          long t0 = System.nanoTime();
          NDArray c = a.matMul(b);
          c.getFloat(0, 0); // forces completion
          double seconds = (System.nanoTime() - t0) / 1e9;
          if (i >= 2) {
            best = Math.min(best, seconds);
          }
        }
      }
      return 2.0 * n * n * n / best / 1e9;
    }
  }

  /** Model GFLOP/s of full training steps (forward, backward, AdamW): 3 × forward FLOPs per token. */
  static double trainGflops(NDManager parent, LlamaConfig c, int batch, int seq, int warmup, int measured) {
    try (NDManager m = parent.newSubManager(); Llama model = Llama.init(c, m, 1)) {
      model.setTrainable(true);
      NDArray[] data = randomBatch(m, c, batch, seq);
      try (AdamW optimizer = new AdamW(model.parameters(), AdamW.Settings.defaults(), m)) {
        for (int i = 0; i < warmup; i++) {
          trainStep(model, optimizer, data, m);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < measured; i++) {
          trainStep(model, optimizer, data, m);
        }
        double seconds = (System.nanoTime() - t0) / 1e9 / measured;
        double flops = 3 * c.forwardFlopsPerToken(seq) * batch * seq;
        return flops / seconds / 1e9;
      }
    }
  }

  static double trainStep(Llama model, AdamW optimizer, NDArray[] data, NDManager parent) {
    try (NDManager step = parent.newSubManager()) {
      for (NDArray a : data) {
        a.tempAttach(step);
      }
      NDArray loss;
      try (GradientScope scope = GradientScope.open()) {
        loss = Losses.maskedNll(model, data[0], data[1], data[1]);
        scope.backward(loss);
      }
      optimizer.step(1e-4, step);
      return loss.getFloat();
    }
  }

  /** Greedy decoding that recomputes the whole prefix every step: the no-cache baseline. */
  static void generateWithoutCache(Llama model, List<int[]> prompts, int newTokens) {
    int b = prompts.size();
    int width = prompts.get(0).length;
    int[] ids = new int[b * (width + newTokens)];
    for (int r = 0; r < b; r++) {
      System.arraycopy(prompts.get(r), 0, ids, r * (width + newTokens), width);
    }
    for (int t = width; t < width + newTokens; t++) {
      try (NDManager step = model.manager().newSubManager()) {
        NDArray all = step.create(ids, new Shape(b, width + newTokens));
        NDArray prefix = all.get(new NDIndex(":, :{}", t));
        NDArray logits = model.forward(prefix, step.ones(new Shape(b, t), DataType.INT32));
        long[] next = logits.get(new NDIndex(":, -1")).argMax(-1).toLongArray();
        for (int r = 0; r < b; r++) {
          ids[r * (width + newTokens) + t] = (int) next[r];
        }
      }
    }
  }

  static Map<String, Double> checkpointRatios() {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("weakrl-bench");
      Map<String, Double> all = CheckpointBenchmark.run(scratch);
      Map<String, Double> ratios = new LinkedHashMap<>();
      ratios.put("checkpoint_write_ratio", all.get("checkpoint_write_ratio"));
      ratios.put("checkpoint_read_ratio", all.get("checkpoint_read_ratio"));
      ratios.put("checkpoint_read_cached_ratio", all.get("checkpoint_read_cached_ratio"));
      ratios.put("checkpoint_read_mb_s", all.get("checkpoint_read_mb_s"));
      ratios.put("raw_read_mb_s", all.get("raw_read_mb_s"));
      ratios.put("checkpoint_write_mb_s", all.get("checkpoint_write_mb_s"));
      ratios.put("raw_write_mb_s", all.get("raw_write_mb_s"));
      ratios.put("sha256_mb_s", all.get("sha256_mb_s"));
      return ratios;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory for the checkpoint benchmark", e);
    } finally {
      if (scratch != null) {
        dev.weakrl.common.Storage.deleteRecursively(scratch.toString());
      }
    }
  }

  static NDArray[] randomBatch(NDManager m, LlamaConfig c, int batch, int seq) {
    SplittableRandom random = new SplittableRandom(17);
    int[] ids = new int[batch * seq];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(c.vocabSize());
    }
    return new NDArray[] {m.create(ids, new Shape(batch, seq)), m.ones(new Shape(batch, seq), DataType.INT32)};
  }

  static List<int[]> randomPrompts(int count, int length, int vocab) {
    SplittableRandom random = new SplittableRandom(29);
    List<int[]> prompts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      prompts.add(random.ints(length, 0, vocab).toArray());
    }
    return prompts;
  }

  static double time(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1e9;
  }

}

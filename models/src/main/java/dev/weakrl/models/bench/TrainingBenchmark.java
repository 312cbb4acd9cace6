package dev.weakrl.models.bench;

import ai.djl.ndarray.NDManager;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.CharTokenizer;
import dev.weakrl.models.train.GrpoObjective;
import dev.weakrl.models.train.LrSchedule;
import dev.weakrl.models.train.ResponseLmObjective;
import dev.weakrl.models.train.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The training suite of {@code ./weakrl bench}, on the embedded default through the real loop
 * ({@link Trainer}): {@code sft_mfu} (useful-token model FLOP/s of SFT steps over the in-process
 * matmul peak), {@code rl_step_seconds} and {@code rl_sampling_fraction} (share of a GRPO step spent
 * sampling) for 8 prompts × G=8 responses of up to 48 tokens, as the RLVR stage's defaults.
 */
public final class TrainingBenchmark {
  static final LlamaConfig CONFIG = LlamaConfig.tiny(CharTokenizer.standard().vocabSize());
  static final int PROMPT = 24;
  static final int RESPONSE = 40;

  private TrainingBenchmark() {}

  /** Measures the matmul peak first; {@link #run(Consumer, double)} when it is already known. */
  public static Map<String, Double> run(Consumer<String> progress) {
    progress.accept("matmul peak");
    return run(progress, ModelBenchmark.matmulPeakGflops());
  }

  /** @param peak the engine's fp32 matmul peak in GFLOP/s, the denominator of {@code sft_mfu} */
  public static Map<String, Double> run(Consumer<String> progress, double peak) {
    Map<String, Double> figures = new LinkedHashMap<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      progress.accept("SFT steps on the embedded default, batch 32");
      List<Map<String, Double>> sft = train(manager, new ResponseLmObjective(examples(256), 32, 1, 0), 12);
      double tokensPerSecond = tail(sft, "tokens_per_s");
      figures.put("sft_mfu", 3 * CONFIG.forwardFlopsPerToken(PROMPT + RESPONSE) * tokensPerSecond / 1e9 / peak);
      progress.accept("GRPO steps, 8 prompts x 8 responses");
      try (Llama reference = Llama.init(CONFIG, manager, 1)) {
        SplittableRandom coin = new SplittableRandom(1);
        GrpoObjective.RewardFunction random = (prompt, responses, certainty) -> {
          double[] r = new double[8];
          for (int i = 0; i < r.length; i++) {
            r[i] = coin.nextInt(2);
          }
          return new GrpoObjective.Rewards(r, r);
        };
        GrpoObjective grpo = new GrpoObjective(prompts(64), reference,
            new GrpoObjective.Settings(8, 8, 8, 1.0, 48, 0.2, 0.001, true, 1, 1), random, new int[0], 0);
        List<Map<String, Double>> rl = train(manager, grpo, 12);
        double step = tail(rl, "step_seconds");
        figures.put("rl_step_seconds", step);
        figures.put("rl_sampling_fraction", tail(rl, "sampling_seconds") / step);
      }
    }
    return figures;
  }

  private static List<Map<String, Double>> train(NDManager manager, dev.weakrl.models.train.Objective objective,
      int steps) {
    try (Llama model = Llama.init(CONFIG, manager, 1)) {
      Trainer.Settings settings = Trainer.Settings.of(steps, LrSchedule.constant(1e-4, steps), 1).withLogEvery(steps)
          .withMaxConsecutiveSkips(1);
      return new Trainer(model, CharTokenizer.standard(), settings, null, s -> {}).run(objective);
    }
  }

  /** Mean of a column over the second half of the steps (the first warm up the JIT and allocator). */
  private static double tail(List<Map<String, Double>> rows, String column) {
    return rows.subList(rows.size() / 2, rows.size()).stream().mapToDouble(r -> r.get(column)).average().orElseThrow();
  }

  private static List<int[]> prompts(int count) {
    SplittableRandom random = new SplittableRandom(2);
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(random.ints(PROMPT, 5, CONFIG.vocabSize()).toArray());
    }
    return out;
  }

  private static List<ResponseLmObjective.Example> examples(int count) {
    SplittableRandom random = new SplittableRandom(3);
    List<ResponseLmObjective.Example> out = new ArrayList<>();
    for (int[] p : prompts(count)) {
      out.add(new ResponseLmObjective.Example(p, random.ints(RESPONSE, 5, CONFIG.vocabSize()).toArray()));
    }
    return out;
  }
}

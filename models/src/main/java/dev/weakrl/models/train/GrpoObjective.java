package dev.weakrl.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.weakrl.models.generate.Generation;
import dev.weakrl.models.generate.Generator;
import dev.weakrl.models.generate.SamplingParams;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.NoGradient;
import dev.weakrl.models.nn.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * GRPO (RLVR): a step takes the next {@code prompts} prompts of a per-epoch shuffle, samples {@code votes} responses each
 * from the current policy, scores them, and updates on the first {@code group} of each group
 * with the clipped surrogate plus β·KL to the frozen reference, token-mean aggregated. The update
 * batch is split into {@code miniBatches} optimizer updates (1: the policy stays on-policy and the
 * ratio is exactly 1). Old log-probs, the reference's log-probs, entropy and self-certainty come
 * from one gradient-free forward pass per mini-batch before any update.
 */
public final class GrpoObjective implements Objective {
  /**
   * @param votes responses sampled per prompt (≥ group); more than the group only for
   *     majority-vote rewards, which vote with all of them
   * @param seed seeds the per-epoch permutations of the prompts ({@link Grpo#promptOrder})
   */
  public record Settings(int prompts, int group, int votes, double temperature, int maxNewTokens,
      double clip, double klBeta, boolean divideByStd, int miniBatches, long seed) {
    public Settings {
      if (prompts < 1 || group < 2 || votes < group || maxNewTokens < 1 || miniBatches < 1
          || (prompts * group) % miniBatches != 0) {
        throw new IllegalArgumentException("GRPO: need prompts >= 1, group >= 2, votes >= group, max tokens >= 1"
            + " and prompts x group divisible by mini-batches; got " + this);
      }
    }
  }

  /** Rewards for one prompt's responses. */
  public interface RewardFunction {
    /**
     * @param prompt index into the objective's prompts
     * @param responses {@code votes} responses; the first {@code group} are the update group
     * @param selfCertainty self-certainty of each update-group response
     * @return reward and true accuracy (against the real label) of each update-group response
     */
    Rewards score(int prompt, List<int[]> responses, float[] selfCertainty);
  }

  public record Rewards(double[] reward, double[] trueAccuracy) {}

  private final List<int[]> prompts;
  private final Llama reference;
  private final Settings settings;
  private final RewardFunction rewards;
  private final int[] stopIds;
  private final int pad;

  public GrpoObjective(List<int[]> prompts, Llama reference, Settings settings, RewardFunction rewards, int[] stopIds,
      int pad) {
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException("GRPO needs at least one prompt");
    }
    this.prompts = List.copyOf(prompts);
    this.reference = reference;
    this.settings = settings;
    this.rewards = rewards;
    this.stopIds = stopIds.clone();
    this.pad = pad;
  }

  /** One mini-batch's arrays and the figures of its gradient-free pass. */
  private record Chunk(NDArray tokens, NDArray attention, NDArray mask, NDArray oldLogProbs, NDArray refLogProbs,
      double maskCount, float[] selfCertainty, float[] entropy) {}

  @Override
  public Step prepare(long step, Llama model, SplittableRandom random, NDManager manager) {
    int b = settings.prompts();
    int g = settings.group();
    int[] chosen = Grpo.promptOrder(settings.seed(), prompts.size(), step, b);
    List<int[]> sampled = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      for (int v = 0; v < settings.votes(); v++) {
        sampled.add(prompts.get(chosen[i]));
      }
    }
    long t0 = System.nanoTime();
    SamplingParams params = SamplingParams.sample(settings.temperature(), settings.maxNewTokens(), random.nextLong(), stopIds);
    List<Generation> generations = Generator.generate(model, sampled, params);
    double samplingSeconds = (System.nanoTime() - t0) / 1e9;

    List<int[]> updatePrompts = new ArrayList<>();
    List<int[]> updateResponses = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < g; j++) {
        updatePrompts.add(prompts.get(chosen[i]));
        updateResponses.add(generations.get(i * settings.votes() + j).tokens());
      }
    }
    int rows = b * g / settings.miniBatches();
    List<Chunk> chunks = new ArrayList<>();
    for (int start = 0; start < b * g; start += rows) {
      TokenBatch batch = TokenBatch.of(updatePrompts.subList(start, start + rows),
          updateResponses.subList(start, start + rows), pad);
      chunks.add(gradientFree(model, batch, manager));
    }
    float[] selfCertainty = concat(chunks.stream().map(Chunk::selfCertainty).toList(), b * g);
    double[] reward = new double[b * g];
    double[] truth = new double[b * g];
    for (int i = 0; i < b; i++) {
      List<int[]> group = new ArrayList<>();
      for (int v = 0; v < settings.votes(); v++) {
        group.add(generations.get(i * settings.votes() + v).tokens());
      }
      Rewards r = rewards.score(chosen[i], group, java.util.Arrays.copyOfRange(selfCertainty, i * g, i * g + g));
      System.arraycopy(r.reward(), 0, reward, i * g, g);
      System.arraycopy(r.trueAccuracy(), 0, truth, i * g, g);
    }
    double[] advantages = Grpo.advantages(reward, g, settings.divideByStd());

    List<List<MicroBatch>> updates = new ArrayList<>();
    for (int c = 0; c < chunks.size(); c++) {
      float[] a = new float[rows];
      for (int r = 0; r < rows; r++) {
        a[r] = (float) advantages[c * rows + r];
      }
      Chunk chunk = chunks.get(c);
      NDArray adv = manager.create(a, new Shape(rows, 1));
      updates.add(List.of(m -> loss(m, chunk, adv)));
    }
    Map<String, Double> figures = figures(reward, truth, updateResponses,
        concat(chunks.stream().map(Chunk::entropy).toList(), b * g), selfCertainty, samplingSeconds);
    long tokens = updatePrompts.stream().mapToLong(p -> p.length).sum()
        + updateResponses.stream().mapToLong(r -> r.length).sum();
    return new Step(updates, figures, tokens);
  }

  /** Old and reference log-probs, entropy and self-certainty, without gradients. */
  private Chunk gradientFree(Llama model, TokenBatch batch, NDManager manager) {
    double temperature = settings.temperature();
    try (NoGradient noGradient = NoGradient.open()) {
      NDArray[] arrays = batch.toArrays(manager);
      NDArray mask = arrays[2].get(new NDIndex(":, 1:")).toType(DataType.FLOAT32, false); // (B, T−1)
      NDArray all = model.nextTokenLogSoftmax(arrays[0], arrays[1], temperature); // (B, T−1, V)
      // Constants of the loss: detached, so no gradient can flow through them whatever the grad mode.
      NDArray old = Llama.targetLogProbs(all, arrays[0]).stopGradient(); // (B, T−1)
      NDArray ref = reference.logProbs(arrays[0], arrays[1], temperature).stopGradient();
      return new Chunk(arrays[0], arrays[1], mask, old, ref, batch.targetCount(),
          PolicyStats.selfCertainty(all, mask), PolicyStats.entropy(all, mask));
    }
  }

  private Loss loss(Llama model, Chunk c, NDArray advantages) {
    NDArray logProbs = model.logProbs(c.tokens(), c.attention(), settings.temperature()); // (B, T−1)
    NDArray surrogate = Grpo.clippedSurrogate(logProbs, c.oldLogProbs(), advantages, settings.clip());
    NDArray kl = Grpo.klK3(logProbs, c.refLogProbs());
    NDArray loss = Grpo.tokenMean(surrogate.add(kl.mul(Scalar.like(kl, settings.klBeta()))), c.mask(), c.maskCount());
    Map<String, NDArray> stats = new LinkedHashMap<>();
    stats.put("kl", Grpo.tokenMean(kl, c.mask(), c.maskCount()));
    stats.put("clip_fraction", Grpo.tokenMean(
        Grpo.clipped(logProbs, c.oldLogProbs(), advantages, settings.clip()), c.mask(), c.maskCount()));
    return new Loss(loss, stats);
  }

  private Map<String, Double> figures(double[] reward, double[] truth, List<int[]> responses, float[] entropy,
      float[] selfCertainty, double samplingSeconds) {
    int g = settings.group();
    int flatGroups = 0;
    for (int i = 0; i < reward.length; i += g) {
      double[] group = java.util.Arrays.copyOfRange(reward, i, i + g);
      if (java.util.Arrays.stream(group).allMatch(r -> r == group[0])) {
        flatGroups++;
      }
    }
    Map<String, Double> f = new LinkedHashMap<>();
    double rewardMean = mean(reward);
    f.put("reward_mean", rewardMean);
    f.put("reward_std", Math.sqrt(java.util.Arrays.stream(reward).map(r -> (r - rewardMean) * (r - rewardMean))
        .sum() / reward.length));
    f.put("true_accuracy", mean(truth));
    f.put("zero_variance_groups", (double) flatGroups / (reward.length / g));
    f.put("entropy", mean(entropy));
    f.put("self_certainty", mean(selfCertainty));
    f.put("response_length", responses.stream().mapToInt(r -> r.length).average().orElse(0));
    f.put("sampling_seconds", samplingSeconds);
    return f;
  }

  private static float[] concat(List<float[]> parts, int length) {
    float[] out = new float[length];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static double mean(double[] x) {
    return java.util.Arrays.stream(x).average().orElse(0);
  }

  private static double mean(float[] x) {
    double s = 0;
    for (float v : x) {
      s += v;
    }
    return x.length == 0 ? 0 : s / x.length;
  }
}

package dev.weakrl.models.train;

import ai.djl.ndarray.NDArray;
import dev.weakrl.models.nn.Scalar;
import java.util.SplittableRandom;

/**
 * The GRPO update as pure functions: group-normalised advantages, the clipped surrogate, the
 * low-variance ("k3") KL estimator and token-mean aggregation. Token-level arrays are (B, T − 1),
 * aligned with {@link dev.weakrl.models.nn.Llama#logProbs}.
 */
public final class Grpo {
  /** Added to the group's standard deviation so that near-constant groups do not explode. */
  public static final double STD_EPS = 1e-6;

  private Grpo() {}

  /**
   * Per-response advantages: (r − mean(group)) / (std(group) + eps), or r − mean(group) without
   * the std division. Groups are consecutive runs of {@code groupSize} rewards. The std is the
   * unbiased (n − 1) estimate, as veRL's {@code torch.std}.
   */
  public static double[] advantages(double[] rewards, int groupSize, boolean divideByStd) {
    if (groupSize < 2 || rewards.length % groupSize != 0) {
      throw new IllegalArgumentException("GRPO needs groups of at least 2 and " + rewards.length
          + " rewards in whole groups of " + groupSize);
    }
    double[] advantages = new double[rewards.length];
    for (int g = 0; g < rewards.length; g += groupSize) {
      double mean = 0;
      for (int i = g; i < g + groupSize; i++) {
        mean += rewards[i] / groupSize;
      }
      double squares = 0;
      for (int i = g; i < g + groupSize; i++) {
        squares += (rewards[i] - mean) * (rewards[i] - mean);
      }
      double std = Math.sqrt(squares / (groupSize - 1));
      for (int i = g; i < g + groupSize; i++) {
        advantages[i] = divideByStd ? (rewards[i] - mean) / (std + STD_EPS) : rewards[i] - mean;
      }
    }
    return advantages;
  }

  /**
   * The prompts of step {@code step}, {@code perStep} of them: positions [step·perStep,
   * (step+1)·perStep) of the endless sequence of epochs, each epoch a permutation of {@code
   * 0..prompts−1} seeded by (seed, epoch), as veRL shuffles its dataloader per epoch. A training set
   * no larger than a step is repeated whole, so with perStep a multiple of prompts every step sees
   * every problem perStep/prompts times.
   */
  public static int[] promptOrder(long seed, int prompts, long step, int perStep) {
    if (prompts < 1 || perStep < 1 || step < 0) {
      throw new IllegalArgumentException("prompt order needs prompts, perStep >= 1 and step >= 0, got " + prompts
          + ", " + perStep + ", " + step);
    }
    int[] chosen = new int[perStep];
    long epoch = -1;
    int[] permutation = null;
    for (int i = 0; i < perStep; i++) {
      long position = step * perStep + i;
      if (position / prompts != epoch) {
        epoch = position / prompts;
        permutation = permutation(prompts, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch));
      }
      chosen[i] = permutation[(int) (position % prompts)];
    }
    return chosen;
  }

  private static int[] permutation(int n, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * Per-token clipped surrogate loss −min(ρ·A, clip(ρ, 1 − ε, 1 + ε)·A), ρ = exp(logp − old).
   *
   * @param advantages (B, 1), broadcast over tokens
   */
  public static NDArray clippedSurrogate(NDArray logProbs, NDArray oldLogProbs, NDArray advantages, double clip) {
    NDArray ratio = logProbs.sub(oldLogProbs).exp();
    NDArray unclipped = ratio.mul(advantages);
    NDArray clipped = ratio.clip(1 - clip, 1 + clip).mul(advantages);
    return unclipped.minimum(clipped).neg();
  }

  /** 1 where the clipped term is the smaller one (its gradient is cut), else 0: (B, T − 1). */
  public static NDArray clipped(NDArray logProbs, NDArray oldLogProbs, NDArray advantages, double clip) {
    NDArray ratio = logProbs.sub(oldLogProbs).exp();
    return ratio.clip(1 - clip, 1 + clip).mul(advantages).lt(ratio.mul(advantages)).toType(logProbs.getDataType(), false);
  }

  /**
   * Low-variance estimator of KL(π ‖ π_ref) per token (Schulman's k3): exp(ref − logp) − (ref −
   * logp) − 1, non-negative and unbiased under samples from π.
   */
  public static NDArray klK3(NDArray logProbs, NDArray refLogProbs) {
    NDArray diff = refLogProbs.sub(logProbs);
    return diff.exp().sub(diff).sub(1);
  }

  /** Σ(x · mask) / count: the token-mean over the masked tokens of a whole mini-batch. */
  public static NDArray tokenMean(NDArray perToken, NDArray mask, double count) {
    return perToken.mul(mask).sum().div(Scalar.like(perToken, Math.max(count, 1)));
  }
}

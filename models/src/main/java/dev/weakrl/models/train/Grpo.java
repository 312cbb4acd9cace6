package dev.weakrl.models.train;

import ai.djl.ndarray.NDArray;

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
   * Per-token clipped surrogate loss −min(ρ·A, clip(ρ, 1 − ε, 1 + ε)·A), ρ = exp(logp − old).
   *
   * @param advantages (B, 1), broadcast over tokens
   */
  public static NDArray clippedSurrogate(NDArray logProbs, NDArray oldLogProbs, NDArray advantages, double eps) {
    NDArray ratio = logProbs.sub(oldLogProbs).exp();
    NDArray unclipped = ratio.mul(advantages);
    NDArray clipped = ratio.clip(1 - eps, 1 + eps).mul(advantages);
    return unclipped.minimum(clipped).neg();
  }

  /** 1 where the clipped term is the smaller one (its gradient is cut), else 0: (B, T − 1). */
  public static NDArray clipped(NDArray logProbs, NDArray oldLogProbs, NDArray advantages, double eps) {
    NDArray ratio = logProbs.sub(oldLogProbs).exp();
    return ratio.clip(1 - eps, 1 + eps).mul(advantages).lt(ratio.mul(advantages)).toType(logProbs.getDataType(), false);
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
    return perToken.mul(mask).sum().div((float) Math.max(count, 1));
  }
}

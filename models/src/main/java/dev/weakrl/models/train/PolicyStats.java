package dev.weakrl.models.train;

import ai.djl.ndarray.NDArray;

/**
 * Per-row figures of the policy's next-token distributions, averaged over the masked (response)
 * positions. Inputs are log-probabilities (B, T, V) from {@code logits.logSoftmax(-1)} and a mask
 * (B, T) of 0/1 floats.
 */
public final class PolicyStats {
  private PolicyStats() {}

  /**
   * Self-certainty: the mean over response tokens of KL(U ‖ p) = −log V − (1/V)·Σ_v log p_v,
   * which is 0 for a uniform distribution and grows as p concentrates.
   */
  public static float[] selfCertainty(NDArray logProbs, NDArray mask) {
    double logV = Math.log(logProbs.getShape().getLastDimension());
    NDArray perToken = logProbs.mean(new int[] {-1}).neg().sub((float) logV); // (B, T)
    return rowMean(perToken, mask);
  }

  /** Entropy −Σ_v p_v log p_v, averaged over the response tokens of each row. */
  public static float[] entropy(NDArray logProbs, NDArray mask) {
    NDArray perToken = logProbs.exp().mul(logProbs).sum(new int[] {-1}).neg(); // (B, T)
    return rowMean(perToken, mask);
  }

  private static float[] rowMean(NDArray perToken, NDArray mask) {
    return perToken.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1f)).toFloatArray();
  }
}

package dev.weakrl.models.nn;

import ai.djl.ndarray.NDArray;

/** RMSNorm(x) = x / sqrt(mean(x², last axis) + eps) ⊙ w. x (..., D), w (D). */
final class RmsNorm {
  private final NDArray weight;
  private final float eps;

  RmsNorm(NDArray weight, double eps) {
    this.weight = weight;
    this.eps = (float) eps;
  }

  NDArray forward(NDArray x) {
    NDArray meanSquare = x.square().mean(new int[] {-1}, true); // (..., 1)
    return x.div(meanSquare.add(eps).sqrt()).mul(weight);
  }
}

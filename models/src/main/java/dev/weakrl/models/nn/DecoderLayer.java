package dev.weakrl.models.nn;

import ai.djl.ndarray.NDArray;

/** Pre-norm residual block: x += attn(norm₁(x)); x += mlp(norm₂(x)). */
final class DecoderLayer {
  private final RmsNorm inputNorm;
  private final Attention attention;
  private final RmsNorm postAttentionNorm;
  private final SwiGlu mlp;

  DecoderLayer(RmsNorm inputNorm, Attention attention, RmsNorm postAttentionNorm, SwiGlu mlp) {
    this.inputNorm = inputNorm;
    this.attention = attention;
    this.postAttentionNorm = postAttentionNorm;
    this.mlp = mlp;
  }

  NDArray forward(NDArray x, Rope rope, NDArray cos, NDArray sin, NDArray mask, KvCache cache) {
    NDArray h = x.add(attention.forward(inputNorm.forward(x), rope, cos, sin, mask, cache));
    return h.add(mlp.forward(postAttentionNorm.forward(h)));
  }
}

package dev.weakrl.models.nn;

import ai.djl.ndarray.NDArray;

/**
 * Grouped-query causal self-attention: softmax(q kᵀ / √Dh + mask) v over H query heads that
 * share Hkv key/value heads in groups of G. Query heads are laid out (Hkv, G), so query head h
 * reads key/value head h / G as in Hugging Face's repeat_kv, without materialising the repeat.
 */
final class Attention {
  private final LlamaConfig c;
  private final int layer;
  private final NDArray wq, wk, wv, wo; // (H·Dh, D), (Hkv·Dh, D), (Hkv·Dh, D), (D, H·Dh)
  private final NDArray bq, bk, bv, bo; // null unless the config has biases
  private final float scale;

  Attention(LlamaConfig c, int layer, NDArray[] weights, NDArray[] biases) {
    this.c = c;
    this.layer = layer;
    this.wq = weights[0];
    this.wk = weights[1];
    this.wv = weights[2];
    this.wo = weights[3];
    this.bq = biases[0];
    this.bk = biases[1];
    this.bv = biases[2];
    this.bo = biases[3];
    this.scale = (float) (1.0 / Math.sqrt(c.headDim()));
  }

  /**
   * @param x (B, T, D)
   * @param cos rotary tables for the new positions, (B, T, 1, Dh); sin likewise
   * @param mask additive mask (B, 1, 1, T, S): 0 where a query may see a key, very negative else
   * @param cache keys and values of earlier positions, appended to in place; null for a plain
   *     forward, where S = T
   */
  NDArray forward(NDArray x, Rope rope, NDArray cos, NDArray sin, NDArray mask, KvCache cache) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int h = c.numHeads();
    int hkv = c.numKvHeads();
    int g = c.groupSize();
    int dh = c.headDim();

    NDArray q = Linear.apply(x, wq, bq).reshape(b, t, h, dh); // (B, T, H, Dh)
    NDArray k = Linear.apply(x, wk, bk).reshape(b, t, hkv, dh); // (B, T, Hkv, Dh)
    NDArray v = Linear.apply(x, wv, bv).reshape(b, t, hkv, dh); // (B, T, Hkv, Dh)
    q = rope.apply(q, cos, sin);
    q = q.mul(Scalar.like(q, scale));
    k = rope.apply(k, cos, sin).transpose(0, 2, 1, 3); // (B, Hkv, T, Dh)
    v = v.transpose(0, 2, 1, 3); // (B, Hkv, T, Dh)
    if (cache != null) {
      k = cache.appendKeys(layer, k); // (B, Hkv, S, Dh)
      v = cache.appendValues(layer, v); // (B, Hkv, S, Dh)
    }
    long s = k.getShape().get(2);

    q = q.reshape(b, t, hkv, g, dh).transpose(0, 2, 3, 1, 4).reshape(b, hkv, g * t, dh); // (B, Hkv, G·T, Dh)
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)); // (B, Hkv, G·T, S)
    scores = scores.reshape(b, hkv, g, t, s).add(mask); // (B, Hkv, G, T, S)
    NDArray weights = scores.softmax(-1).reshape(b, hkv, g * t, s); // (B, Hkv, G·T, S)
    NDArray out = weights.matMul(v) // (B, Hkv, G·T, Dh)
        .reshape(b, hkv, g, t, dh)
        .transpose(0, 3, 1, 2, 4) // (B, T, Hkv, G, Dh)
        .reshape(b, t, h * dh); // (B, T, H·Dh)
    return Linear.apply(out, wo, bo);
  }
}

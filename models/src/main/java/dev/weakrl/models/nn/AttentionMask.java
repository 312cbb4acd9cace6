package dev.weakrl.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Additive causal masks over padded batches. */
final class AttentionMask {
  /** Large enough to zero a softmax weight, finite so a fully masked (padding) row stays finite. */
  static final float BLOCKED = -1e9f;

  private AttentionMask() {}

  /**
   * Mask (B, 1, 1, T, S) for T queries in slots [start, start + T) over keys in slots [0, S):
   * 0 where the key slot is valid and not after the query's slot, {@link #BLOCKED} elsewhere.
   *
   * @param valid (B, S), 1 for a real token's slot and 0 for padding
   */
  static NDArray causal(NDArray valid, int start, int t) {
    NDManager m = valid.getManager();
    long b = valid.getShape().get(0);
    long s = valid.getShape().get(1);
    if (t == 1 && start == s - 1) { // one decode step: its query sits in the last slot and may see every valid key
      return valid.toType(DataType.FLOAT32, false).sub(1f).mul(-BLOCKED).reshape(b, 1, 1, 1, s);
    }
    NDArray keySlot = m.arange(0, (int) s, 1, DataType.INT32).reshape(1, s); // (1, S)
    NDArray querySlot = m.arange(start, start + t, 1, DataType.INT32).reshape(t, 1); // (T, 1)
    NDArray causal = keySlot.lte(querySlot).toType(DataType.FLOAT32, false); // (T, S)
    NDArray allowed = causal.expandDims(0).mul(valid.toType(DataType.FLOAT32, false).reshape(b, 1, s)); // (B, T, S)
    return allowed.sub(1f).mul(-BLOCKED).reshape(b, 1, 1, t, s);
  }
}

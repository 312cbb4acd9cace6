package dev.weakrl.models.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Draws the next token of every row on the engine: only the ids come back to the host, so a step
 * costs no copy of the B × V logits (38 MB at Qwen's vocabulary and 64 rows). A row's token is its
 * cumulative distribution inverted at one uniform drawn from that row's own random source, so it
 * depends only on the row's logits and seed, never on the other rows.
 */
public final class Sampler {
  /** The largest float below 1: a uniform must stay below the normalised distribution's last value, 1. */
  private static final double BELOW_ONE = Math.nextDown(1f);

  private Sampler() {}

  /**
   * Row r's token drawn from softmax(logits[r] / temperature) restricted to its top-p nucleus (the
   * most likely tokens until their mass reaches topP; topP = 1 keeps all), at {@code uniforms[r]}
   * in [0, 1); the argmax when temperature is 0, where the uniforms are unused. Runs without
   * gradients (scalars passed as Java numbers are safe only there).
   *
   * @param logits (B, V)
   */
  public static int[] next(NDArray logits, double temperature, double topP, double[] uniforms) {
    if (temperature == 0) {
      return ids(logits.argMax(-1));
    }
    long b = logits.getShape().get(0);
    NDArray probs = (temperature == 1 ? logits : logits.div(temperature)).softmax(-1); // (B, V)
    NDArray order = null;
    if (topP < 1) {
      order = probs.argSort(-1, false); // most likely first
      NDArray sorted = probs.gather(order, -1);
      NDArray massBefore = sorted.cumSum(-1).sub(sorted);
      probs = sorted.mul(massBefore.lt(topP)); // a token is in the nucleus while the mass before it is below topP
    }
    NDArray cdf = probs.cumSum(-1);
    cdf = cdf.div(cdf.get(new NDIndex(":, -1:"))); // ends at exactly 1, above every uniform
    float[] u = new float[uniforms.length];
    for (int r = 0; r < u.length; r++) {
      u[r] = (float) Math.min(uniforms[r], BELOW_ONE);
    }
    // The first index whose cumulative mass exceeds u: each token is drawn with its probability.
    NDArray index = cdf.lte(logits.getManager().create(u, new Shape(b, 1))).sum(new int[] {-1}); // (B,)
    if (order != null) {
      index = order.gather(index.reshape(b, 1), -1).reshape(b);
    }
    return ids(index);
  }

  /** The token ids of an int64 (B,) array, the one copy back to the host. */
  private static int[] ids(NDArray index) {
    return java.util.Arrays.stream(index.toLongArray()).mapToInt(Math::toIntExact).toArray();
  }

  /** The random source of row {@code row} of a batch sampled with {@code seed}. */
  public static SplittableRandom rowRandom(long seed, int row) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + row);
  }
}

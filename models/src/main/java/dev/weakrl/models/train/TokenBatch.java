package dev.weakrl.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A right-padded batch of sequences, each a prompt followed by a target continuation, as the
 * three host-side arrays every objective feeds the model. Row-major, (rows, width).
 *
 * @param tokens token ids, {@code pad} after the end of each sequence
 * @param attention 1 for real tokens, 0 for padding
 * @param targets 1 where the token belongs to the continuation: its prediction is trained on
 */
public record TokenBatch(int rows, int width, int[] tokens, int[] attention, int[] targets) {

  /**
   * Lays out {@code prompts[i] ++ continuations[i]} per row. An empty prompt makes every token a
   * target (causal LM; the first token has no prediction and is never scored).
   */
  public static TokenBatch of(List<int[]> prompts, List<int[]> continuations, int pad) {
    if (prompts.size() != continuations.size() || prompts.isEmpty()) {
      throw new IllegalArgumentException("need as many prompts as continuations, and at least one; got "
          + prompts.size() + " and " + continuations.size());
    }
    int rows = prompts.size();
    int width = 0;
    for (int r = 0; r < rows; r++) {
      width = Math.max(width, prompts.get(r).length + continuations.get(r).length);
    }
    int[] tokens = new int[rows * width];
    int[] attention = new int[rows * width];
    int[] targets = new int[rows * width];
    java.util.Arrays.fill(tokens, pad);
    for (int r = 0; r < rows; r++) {
      int[] p = prompts.get(r);
      int[] c = continuations.get(r);
      System.arraycopy(p, 0, tokens, r * width, p.length);
      System.arraycopy(c, 0, tokens, r * width + p.length, c.length);
      java.util.Arrays.fill(attention, r * width, r * width + p.length + c.length, 1);
      java.util.Arrays.fill(targets, r * width + p.length, r * width + p.length + c.length, 1);
    }
    return new TokenBatch(rows, width, tokens, attention, targets);
  }

  /** Number of scored predictions: targets after the first column. */
  public long targetCount() {
    long n = 0;
    for (int r = 0; r < rows; r++) {
      for (int t = 1; t < width; t++) {
        n += targets[r * width + t];
      }
    }
    return n;
  }

  /** Real tokens in the batch (for tokens/s). */
  public long tokenCount() {
    long n = 0;
    for (int a : attention) {
      n += a;
    }
    return n;
  }

  /** The (tokens, attention, targets) arrays, (B, T) int32, created in {@code manager}. */
  public NDArray[] toArrays(NDManager manager) {
    Shape shape = new Shape(rows, width);
    return new NDArray[] {manager.create(tokens, shape), manager.create(attention, shape), manager.create(targets, shape)};
  }
}

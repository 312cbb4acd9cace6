package dev.weakrl.models.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Pure sampling functions over one row of logits, {@code logits[offset .. offset + vocab)}. The
 * caller owns the random source, so results depend only on the seed.
 */
public final class Sampler {
  private Sampler() {}

  /** The index of the largest logit (the first, on ties). */
  public static int argmax(float[] logits, int offset, int vocab) {
    int best = 0;
    for (int i = 1; i < vocab; i++) {
      if (logits[offset + i] > logits[offset + best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * A token drawn from softmax(logits / temperature) restricted to the top-p nucleus; argmax
   * when temperature is 0.
   */
  public static int sample(float[] logits, int offset, int vocab, double temperature, double topP, SplittableRandom random) {
    return temperature == 0
        ? argmax(logits, offset, vocab)
        : draw(softmax(logits, offset, vocab, temperature), topP, random);
  }

  /** softmax(logits / temperature) of one row, in double precision. */
  public static double[] softmax(float[] logits, int offset, int vocab, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vocab; i++) {
      max = Math.max(max, logits[offset + i]);
    }
    double[] p = new double[vocab];
    double sum = 0;
    for (int i = 0; i < vocab; i++) {
      p[i] = Math.exp((logits[offset + i] - max) / temperature);
      sum += p[i];
    }
    for (int i = 0; i < vocab; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** A token drawn from {@code probs} restricted to the top-p nucleus (topP = 1: all of it). */
  public static int draw(double[] probs, double topP, SplittableRandom random) {
    if (topP >= 1) {
      double u = random.nextDouble();
      for (int i = 0; i < probs.length; i++) {
        u -= probs[i];
        if (u < 0) {
          return i;
        }
      }
      return probs.length - 1; // rounding left u a hair above 0
    }
    Integer[] order = new Integer[probs.length];
    for (int i = 0; i < probs.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
    double kept = 0;
    int size = 0;
    while (size < probs.length && kept < topP) {
      kept += probs[order[size++]];
    }
    double u = random.nextDouble() * kept;
    for (int i = 0; i < size; i++) {
      u -= probs[order[i]];
      if (u < 0) {
        return order[i];
      }
    }
    return order[size - 1];
  }

  /** The random source of row {@code row} of a batch sampled with {@code seed}. */
  public static SplittableRandom rowRandom(long seed, int row) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + row);
  }
}

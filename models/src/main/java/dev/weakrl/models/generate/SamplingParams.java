package dev.weakrl.models.generate;

import java.util.Arrays;

/**
 * How to continue prompts.
 *
 * @param temperature softmax temperature; 0 means greedy (argmax)
 * @param topP keep the smallest set of tokens whose probability sums to at least this (1 = all)
 * @param maxNewTokens generation stops after this many tokens
 * @param stopTokens generation of a row stops after it emits one of these (kept in the output)
 * @param seed with the same seed, prompts and model, the same tokens come out
 */
public record SamplingParams(double temperature, double topP, int maxNewTokens, int[] stopTokens, long seed) {
  public SamplingParams {
    if (temperature < 0 || Double.isNaN(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("max new tokens must be >= 1, got " + maxNewTokens);
    }
    stopTokens = stopTokens.clone();
  }

  public static SamplingParams greedy(int maxNewTokens, int... stopTokens) {
    return new SamplingParams(0, 1, maxNewTokens, stopTokens, 0);
  }

  public static SamplingParams sample(double temperature, int maxNewTokens, long seed, int... stopTokens) {
    return new SamplingParams(temperature, 1, maxNewTokens, stopTokens, seed);
  }

  public boolean isStop(int token) {
    for (int s : stopTokens) {
      if (s == token) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SamplingParams p && p.temperature == temperature && p.topP == topP
        && p.maxNewTokens == maxNewTokens && Arrays.equals(p.stopTokens, stopTokens) && p.seed == seed;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new double[] {temperature, topP, maxNewTokens, seed}) * 31 + Arrays.hashCode(stopTokens);
  }

  @Override
  public String toString() {
    return "SamplingParams[temperature=" + temperature + ", topP=" + topP + ", maxNewTokens=" + maxNewTokens
        + ", stopTokens=" + Arrays.toString(stopTokens) + ", seed=" + seed + "]";
  }
}

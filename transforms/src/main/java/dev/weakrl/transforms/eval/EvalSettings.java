package dev.weakrl.transforms.eval;

import java.io.Serializable;

/**
 * How to evaluate: {@code k} responses per problem sampled at {@code temperature}, plus one
 * greedy, each at most {@code maxTokens} long; {@code shardSize} problems per work item.
 */
public record EvalSettings(int k, double temperature, int maxTokens, int shardSize, long seed) implements Serializable {
  public EvalSettings {
    if (k < 1 || maxTokens < 1 || shardSize < 1 || !(temperature > 0)) {
      throw new IllegalArgumentException("eval needs k, maxTokens and shardSize >= 1 and temperature > 0, got k=" + k
          + " maxTokens=" + maxTokens + " shardSize=" + shardSize + " temperature=" + temperature);
    }
  }
}

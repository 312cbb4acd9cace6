package dev.weakrl.study.eval;

import dev.weakrl.study.stages.LengthBudget;
import java.io.Serializable;

/**
 * How to evaluate: {@code k} responses per problem sampled at {@code temperature}, plus one
 * greedy, each at most {@code maxTokens} new tokens (0: the benchmark's {@link LengthBudget},
 * else {@link #FALLBACK_MAX_TOKENS} for a benchmark without reference solutions; always capped by
 * the context); {@code shardSize} problems per work item. Benchmarks are grouped against training
 * on {@code domain} at {@code difficulty} ({@link Benchmark#group}).
 */
public record EvalSettings(int k, double temperature, int maxTokens, int shardSize, long seed, String domain,
    int difficulty) implements Serializable {
  public static final int FALLBACK_MAX_TOKENS = 1024;

  public EvalSettings {
    if (k < 1 || maxTokens < 0 || shardSize < 1 || !(temperature > 0)) {
      throw new IllegalArgumentException("eval needs k and shardSize >= 1, maxTokens >= 0 and temperature > 0, got k="
          + k + " maxTokens=" + maxTokens + " shardSize=" + shardSize + " temperature=" + temperature);
    }
  }
}

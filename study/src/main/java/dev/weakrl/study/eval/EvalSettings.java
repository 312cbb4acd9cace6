package dev.weakrl.study.eval;

import dev.weakrl.common.options.Option;
import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.study.stages.LengthBudget;
import java.io.Serializable;

/**
 * How to evaluate: {@code k} responses per problem sampled at {@code temperature}, plus one
 * greedy, each at most {@code maxTokens} new tokens (0: the benchmark's {@link LengthBudget},
 * else {@link #FALLBACK_MAX_TOKENS} for a benchmark without reference solutions; always capped by
 * the context); {@code shardSize} problems per work item. Benchmarks are grouped against training
 * on {@code domain} at {@code difficulty} ({@link Benchmark#group}).
 */
public record EvalSettings(
    @Option(defaultValue = "4", min = 1, help = "sampled responses per problem (pass@k is reported for"
        + " k in 1, 4, 8, 16 up to this), plus one greedy") int k,
    @Option(defaultValue = "1.0", min = 0, minExclusive = true, help = "sampling temperature of the k"
        + " responses") double temperature,
    @Option(defaultValue = "0", min = 0, help = "most new tokens per response; 0 = the benchmark's longest reference"
        + " solution x 1.3 (1024 for files without reference solutions), capped by the context") int maxTokens,
    // 16: each shard is one sampling batch of 16 x k rows, which keeps 2 cores busy.
    @Option(defaultValue = "16", min = 1, help = "problems per work item: the unit the"
        + " evaluation fans out over") int shardSize,
    @Option(defaultValue = "0", help = "sampling seed") long seed,
    @Option(defaultValue = "arith", help = "training domain the benchmarks are grouped against (held-out: this"
        + " domain at --difficulty; harder: its higher levels; other domains)") String domain,
    @Option(defaultValue = "1", min = 1, help = "training difficulty level the benchmarks are"
        + " grouped against") int difficulty)
    implements Serializable {
  public static final int FALLBACK_MAX_TOKENS = 1024;

  public static EvalSettings defaults() {
    return OptionRecords.defaults(EvalSettings.class);
  }

  public EvalSettings {
    if (k < 1 || maxTokens < 0 || shardSize < 1 || !(temperature > 0)) {
      throw new IllegalArgumentException("eval needs k and shardSize >= 1, maxTokens >= 0 and temperature > 0, got k="
          + k + " maxTokens=" + maxTokens + " shardSize=" + shardSize + " temperature=" + temperature);
    }
  }
}

package dev.weakrl.study.analysis;

import dev.weakrl.study.eval.Benchmark;
import java.io.Serializable;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What the evaluations say of a benchmark beside its metric: its group ({@link Benchmark#group}),
 * and at the last evaluated checkpoint the fraction of responses cut off by the token budget and
 * the problems left out as seen in training. A gain is read with these beside it: a truncated or
 * overlapping benchmark can move for reasons other than generalisation.
 *
 * @param truncated NaN where the evaluations do not give it
 * @param overlapWithTraining NaN where the evaluations do not give it
 */
public record BenchmarkContext(String group, double truncated, double overlapWithTraining) implements Serializable {

  /** A benchmark of {@code group} whose evaluations give neither truncation nor overlap. */
  public static BenchmarkContext of(String group) {
    return new BenchmarkContext(group, Double.NaN, Double.NaN);
  }

  /** The group of {@code benchmark} in {@code contexts}; {@link Benchmark#OTHER} when it is not there. */
  public static String groupOf(Map<String, BenchmarkContext> contexts, String benchmark) {
    BenchmarkContext c = contexts.get(benchmark);
    return c == null ? Benchmark.OTHER : c.group();
  }

  /** The mean of {@code value} over the benchmarks of {@code group}; NaN when none gives it. */
  public static double mean(Map<String, BenchmarkContext> contexts, String group,
      ToDoubleFunction<BenchmarkContext> value) {
    return Stats.mean(contexts.values().stream().filter(c -> c.group().equals(group))
        .map(c -> value.applyAsDouble(c)).toList());
  }
}

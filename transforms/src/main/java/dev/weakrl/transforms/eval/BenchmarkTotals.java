package dev.weakrl.transforms.eval;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running sums over a benchmark's problem scores, mergeable in any order (a combine's
 * accumulator): problem count, Σ accuracy, Σ pass@k for each standard k, greedy correct count,
 * and the fewest samples any problem had (pass@k is reported only for k up to it).
 */
public record BenchmarkTotals(
    int problems, double accuracySum, Map<Integer, Double> passSums, int greedyCorrect, int minSamples)
    implements Serializable {

  public BenchmarkTotals {
    passSums = Collections.unmodifiableSortedMap(new TreeMap<>(passSums));
  }

  public static BenchmarkTotals empty() {
    return new BenchmarkTotals(0, 0, Map.of(), 0, Integer.MAX_VALUE);
  }

  public static BenchmarkTotals of(ProblemScore score) {
    Map<Integer, Double> pass = new TreeMap<>();
    for (int k : PassAtK.STANDARD_K) {
      if (k <= score.samples()) {
        pass.put(k, PassAtK.estimate(score.samples(), score.correct(), k));
      }
    }
    return new BenchmarkTotals(1, score.accuracy(), pass, score.greedyCorrect() ? 1 : 0, score.samples());
  }

  public BenchmarkTotals plus(BenchmarkTotals other) {
    Map<Integer, Double> pass = new TreeMap<>(passSums);
    other.passSums.forEach((k, v) -> pass.merge(k, v, Double::sum));
    return new BenchmarkTotals(problems + other.problems, accuracySum + other.accuracySum, pass,
        greedyCorrect + other.greedyCorrect, Math.min(minSamples, other.minSamples));
  }

  /** Means over the problems; pass@k only for k that every problem had enough samples for. */
  public BenchmarkSummary summary(String checkpoint, String benchmark) {
    if (problems == 0) {
      throw new IllegalStateException(checkpoint + " on " + benchmark + ": no problems were scored");
    }
    Map<Integer, Double> passAtK = new TreeMap<>();
    passSums.forEach((k, sum) -> {
      if (k <= minSamples) {
        passAtK.put(k, sum / problems);
      }
    });
    return new BenchmarkSummary(checkpoint, benchmark, problems, minSamples, accuracySum / problems, passAtK,
        (double) greedyCorrect / problems);
  }
}

package dev.weakrl.study.eval;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running sums over a benchmark's problem scores, mergeable in any order (a combine's
 * accumulator): problems scored, Σ and Σ² of per-problem accuracy (for its standard error), Σ
 * pass@k for each standard k, greedy correct count, responses and truncated responses, the
 * largest token budget, problems left out as seen in training, the fewest samples any problem
 * had (pass@k is reported only for k up to it), and problems skipped because the model cannot
 * take them (too long for its context, unencodable).
 */
public record BenchmarkTotals(int problems, double accuracySum, double accuracySquares, Map<Integer, Double> passSums,
    int greedyCorrect, int responses, int truncated, int maxTokens, int seenInTraining, int minSamples,
    int skippedTooLong, int skippedUnencodable) implements Serializable {

  public BenchmarkTotals {
    passSums = Collections.unmodifiableSortedMap(new TreeMap<>(passSums));
  }

  public static BenchmarkTotals empty() {
    return new BenchmarkTotals(0, 0, 0, Map.of(), 0, 0, 0, 0, 0, Integer.MAX_VALUE, 0, 0);
  }

  public static BenchmarkTotals of(ProblemScore score) {
    if (score.seenInTraining()) {
      return new BenchmarkTotals(0, 0, 0, Map.of(), 0, 0, 0, 0, 1, Integer.MAX_VALUE, 0, 0);
    }
    if (!score.skipped().isEmpty()) {
      return new BenchmarkTotals(0, 0, 0, Map.of(), 0, 0, 0, 0, 0, Integer.MAX_VALUE,
          score.skipped().equals(ProblemResult.TOO_LONG) ? 1 : 0, score.skipped().equals(ProblemResult.UNENCODABLE) ? 1 : 0);
    }
    Map<Integer, Double> pass = new TreeMap<>();
    for (int k : PassAtK.STANDARD_K) {
      if (k <= score.samples()) {
        pass.put(k, PassAtK.estimate(score.samples(), score.correct(), k));
      }
    }
    double accuracy = score.accuracy();
    return new BenchmarkTotals(1, accuracy, accuracy * accuracy, pass, score.greedyCorrect() ? 1 : 0,
        score.responses(), score.truncated(), score.maxTokens(), 0, score.samples(), 0, 0);
  }

  public BenchmarkTotals plus(BenchmarkTotals other) {
    Map<Integer, Double> pass = new TreeMap<>(passSums);
    other.passSums.forEach((k, v) -> pass.merge(k, v, Double::sum));
    return new BenchmarkTotals(problems + other.problems, accuracySum + other.accuracySum,
        accuracySquares + other.accuracySquares, pass, greedyCorrect + other.greedyCorrect,
        responses + other.responses, truncated + other.truncated, Math.max(maxTokens, other.maxTokens),
        seenInTraining + other.seenInTraining, Math.min(minSamples, other.minSamples),
        skippedTooLong + other.skippedTooLong, skippedUnencodable + other.skippedUnencodable);
  }

  /**
   * Means over the problems with their standard errors (sample standard deviation over problems
   * / √n); pass@k only for k that every problem had enough samples for. A benchmark every problem
   * of which the checkpoint trained on is an error.
   */
  public BenchmarkSummary summary(String checkpoint, String benchmark, String group) {
    if (problems == 0) {
      throw new IllegalStateException(checkpoint + " on " + benchmark + ": no problems were scored"
          + (seenInTraining > 0 ? "; " + (skippedTooLong + skippedUnencodable == 0 ? "all " : "") + seenInTraining
              + " are in the checkpoint's training sets" : "")
          + (skippedTooLong + skippedUnencodable > 0 ? "; skipped as too long for the context: " + skippedTooLong
              + ", as unencodable: " + skippedUnencodable : ""));
    }
    Map<Integer, Double> passAtK = new TreeMap<>();
    passSums.forEach((k, sum) -> {
      if (k <= minSamples) {
        passAtK.put(k, sum / problems);
      }
    });
    double avg = accuracySum / problems;
    double greedy = (double) greedyCorrect / problems;
    return new BenchmarkSummary(checkpoint, benchmark, group, problems, minSamples, avg,
        standardError(accuracySquares / problems - avg * avg, problems), passAtK, greedy,
        standardError(greedy - greedy * greedy, problems), responses == 0 ? 0 : (double) truncated / responses,
        maxTokens, seenInTraining, skippedTooLong, skippedUnencodable);
  }

  /** √(s² / n) with the unbiased s² = n/(n−1) · (population variance); 0 for one problem. */
  static double standardError(double populationVariance, int n) {
    return n < 2 ? 0 : Math.sqrt(Math.max(0, populationVariance) / (n - 1));
  }
}

package dev.weakrl.study.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkTotalsTest {
  @Test
  void summaryAveragesPerProblemFigures() {
    BenchmarkSummary s = BenchmarkTotals.of(score(16, 2, true))
        .plus(BenchmarkTotals.of(score(16, 0, false)))
        .summary("ckpt", "arith@1", Benchmark.HELD_OUT);
    assertEquals(2, s.problems());
    assertEquals(16, s.samplesPerProblem());
    assertEquals((2.0 / 16) / 2, s.avgAtK(), 1e-12);
    assertEquals(0.5, s.greedyAccuracy(), 1e-12);
    assertEquals((2.0 / 16) / 2, s.passAtK().get(1), 1e-12);
    assertEquals((1 - 1001.0 / 1820) / 2, s.passAtK().get(4), 1e-12);
    assertEquals((1 - 3003.0 / 12870) / 2, s.passAtK().get(8), 1e-12);
    assertEquals(0.5, s.passAtK().get(16), 1e-12);
  }

  @Test
  void passAtKStopsAtTheSampleCount() {
    BenchmarkSummary s = BenchmarkTotals.of(score(4, 4, false)).summary("c", "b", Benchmark.HELD_OUT);
    assertEquals(Map.of(1, 1.0, 4, 1.0), s.passAtK());
  }

  @Test
  void mergeOrderDoesNotMatter() {
    BenchmarkTotals a = BenchmarkTotals.of(score(8, 3, true));
    BenchmarkTotals b = BenchmarkTotals.of(score(8, 0, false));
    BenchmarkTotals c = BenchmarkTotals.of(score(8, 8, true));
    assertEquals(a.plus(b).plus(c).summary("c", "b", Benchmark.HELD_OUT), c.plus(BenchmarkTotals.empty()).plus(b.plus(a)).summary("c", "b", Benchmark.HELD_OUT));
  }

  /** k samples of which {@code correct} are right, plus the greedy response; nothing truncated. */
  static ProblemScore score(int k, int correct, boolean greedy) {
    return new ProblemScore(k, correct, greedy, k + 1, 0, 64, false);
  }

  @Test
  void standardErrorsAreOverProblems() {
    // accuracies 1, 0.5, 0, 0.5: mean 0.5, sample variance (0.25+0+0.25+0)/3 = 1/6, se = sqrt(1/6 / 4)
    BenchmarkSummary s = BenchmarkTotals.of(score(2, 2, true)).plus(BenchmarkTotals.of(score(2, 1, true)))
        .plus(BenchmarkTotals.of(score(2, 0, false))).plus(BenchmarkTotals.of(score(2, 1, false)))
        .summary("c", "b", Benchmark.HELD_OUT);
    assertEquals(0.5, s.avgAtK(), 1e-12);
    assertEquals(Math.sqrt(1.0 / 6 / 4), s.avgAtKSe(), 1e-12);
    // greedy 1, 1, 0, 0: sample variance 1/3, se = sqrt(1/3 / 4)
    assertEquals(Math.sqrt(1.0 / 3 / 4), s.greedySe(), 1e-12);
    assertEquals(0, BenchmarkTotals.of(score(2, 1, true)).summary("c", "b", "g").avgAtKSe());
  }

  @Test
  void truncationAndOverlapAreCounted() {
    BenchmarkSummary s = BenchmarkTotals.of(new ProblemScore(4, 1, false, 5, 2, 80, false))
        .plus(BenchmarkTotals.of(new ProblemScore(4, 0, false, 5, 3, 80, false)))
        .plus(BenchmarkTotals.of(ProblemScore.seen()))
        .summary("c", "b", Benchmark.HARDER);
    assertEquals(2, s.problems(), "a problem seen in training is not scored");
    assertEquals(1, s.overlapWithTraining());
    assertEquals(0.5, s.truncated(), 1e-12);
    assertEquals(80, s.maxTokens());
    assertEquals(Benchmark.HARDER, s.group());
  }

  @Test
  void aBenchmarkSeenWhollyInTrainingIsAnError() {
    BenchmarkTotals seen = BenchmarkTotals.of(ProblemScore.seen()).plus(BenchmarkTotals.of(ProblemScore.seen()));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> seen.summary("ck", "math500", "other"));
    assertTrue(e.getMessage().contains("math500") && e.getMessage().contains("all 2"), e.getMessage());
  }
}

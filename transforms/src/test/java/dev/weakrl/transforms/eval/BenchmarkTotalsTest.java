package dev.weakrl.transforms.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkTotalsTest {
  @Test
  void summaryAveragesPerProblemFigures() {
    BenchmarkSummary s = BenchmarkTotals.of(new ProblemScore(16, 2, true))
        .plus(BenchmarkTotals.of(new ProblemScore(16, 0, false)))
        .summary("ckpt", "arith@1");
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
    BenchmarkSummary s = BenchmarkTotals.of(new ProblemScore(4, 4, false)).summary("c", "b");
    assertEquals(Map.of(1, 1.0, 4, 1.0), s.passAtK());
  }

  @Test
  void mergeOrderDoesNotMatter() {
    BenchmarkTotals a = BenchmarkTotals.of(new ProblemScore(8, 3, true));
    BenchmarkTotals b = BenchmarkTotals.of(new ProblemScore(8, 0, false));
    BenchmarkTotals c = BenchmarkTotals.of(new ProblemScore(8, 8, true));
    assertEquals(a.plus(b).plus(c).summary("c", "b"), c.plus(BenchmarkTotals.empty()).plus(b.plus(a)).summary("c", "b"));
  }
}

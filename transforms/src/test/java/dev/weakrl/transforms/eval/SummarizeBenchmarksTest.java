package dev.weakrl.transforms.eval;

import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.BenchmarkSummary;
import dev.weakrl.study.eval.ProblemResult;
import dev.weakrl.study.eval.SampleRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

public class SummarizeBenchmarksTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  /** k = 4 responses of which {@code correct} are right, then the greedy one. */
  static ProblemResult result(String checkpoint, String benchmark, String id, int correct, boolean greedy) {
    List<SampleRow> rows = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      rows.add(new SampleRow(checkpoint, benchmark, id, s, "r", "a", s < correct ? "CORRECT" : "INCORRECT", 1, true));
    }
    rows.add(new SampleRow(checkpoint, benchmark, id, SampleRow.GREEDY, "r", "a", greedy ? "CORRECT" : "UNDECIDED", 1,
        true));
    return new ProblemResult(checkpoint, benchmark, Benchmark.HELD_OUT, id, 1, false, rows);
  }

  @Test
  public void summarisesEachCheckpointAndBenchmark() {
    PCollection<BenchmarkSummary> summaries = pipeline
        .apply(Create.of(
            result("c1", "arith@1", "p1", 1, true),
            result("c1", "arith@1", "p2", 0, false),
            result("c1", "island@1", "p1", 4, true),
            result("c2", "arith@1", "p1", 2, false)))
        .apply(new SummarizeBenchmarks());
    // c1 arith: accuracies 1/4 and 0; pass@4 is 1 for p1 (a correct one among all 4), 0 for p2.
    PAssert.that(summaries).containsInAnyOrder(
        summary("c1", "arith@1", 2, 0.125, Math.sqrt(0.125 * 0.125 * 2 / 1 / 2), Map.of(1, 0.125, 4, 0.5), 0.5,
            Math.sqrt(0.5 / 2)),
        summary("c1", "island@1", 1, 1.0, 0, Map.of(1, 1.0, 4, 1.0), 1.0, 0),
        summary("c2", "arith@1", 1, 0.5, 0, Map.of(1, 0.5, 4, 1.0), 0.0, 0));
    pipeline.run();
  }

  static BenchmarkSummary summary(String checkpoint, String benchmark, int problems, double avg, double avgSe,
      Map<Integer, Double> passAtK, double greedy, double greedySe) {
    return new BenchmarkSummary(checkpoint, benchmark, Benchmark.HELD_OUT, problems, 4, avg, avgSe, passAtK, greedy,
        greedySe, 0, 1, 0);
  }
}

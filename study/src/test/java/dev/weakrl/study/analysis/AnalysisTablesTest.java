package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weakrl.study.eval.Benchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisTablesTest {
  /** Raw reward, a 50-step tail: min(1, t/20) saturates at t = 20. */
  static final SaturationSettings SETTINGS = new SaturationSettings(0.99, 50, 100, 1);

  @TempDir Path dir;

  @Test
  void saturationTableHasOneMeanRowPerGroupWithItsOverlapAndTruncation() {
    RlRun small = run("rlvr-small", 64, 0.4);
    RlRun large = run("rlvr-large", 512, 0.6);
    String path = dir.resolve(AnalysisTables.SATURATION).toString();
    AnalysisTables.writeSaturation(path, RunDynamics.of(List.of(small, large), SETTINGS));
    Table t = TableFiles.read(path);
    assertFalse(t.columns().contains("in_domain"));

    Map<String, Object> heldOut = row(t, "rlvr-small", "held-out mean");
    assertEquals(Benchmark.HELD_OUT, heldOut.get("group"));
    assertNull(heldOut.get("benchmark"));
    // arith@1 alone: its 0.4 gain, not averaged with the harder level's 0.05 or the other domain's.
    assertEquals(0.4, (Double) heldOut.get("delta_sat"), 1e-12);
    assertEquals(0.6 - 0.4, (Double) heldOut.get("g_sat"), 1e-12);
    assertEquals(2.0, (Double) heldOut.get("overlap_with_training"), 1e-12);
    assertEquals(0.1, (Double) heldOut.get("truncated"), 1e-12);

    Map<String, Object> harder = row(t, "rlvr-small", "harder mean");
    assertEquals((0.05 + 0.15) / 2, (Double) harder.get("delta_sat"), 1e-12);
    assertEquals((0.3 + 0.5) / 2, (Double) harder.get("truncated"), 1e-12);
    assertEquals(0.0, (Double) harder.get("overlap_with_training"), 1e-12);

    Map<String, Object> otherDomains = row(t, "rlvr-small", "other domains mean");
    assertEquals(-0.1, (Double) otherDomains.get("delta_sat"), 1e-12);
    // The summaries gave island@1 no truncation: null, not 0.
    assertNull(otherDomains.get("truncated"));

    // A problem file is reported on its own row and averaged into no group.
    Map<String, Object> file = t.rows().stream().filter(r -> "rlvr-small".equals(r.get("run"))
        && "gsm8k".equals(r.get("benchmark"))).findFirst().orElseThrow();
    assertEquals(Benchmark.OTHER, file.get("group"));
    assertEquals(0.8, (Double) file.get("truncated"), 1e-12);
    assertEquals(5, t.rows().stream().filter(r -> "rlvr-small".equals(r.get("run"))
        && "benchmark".equals(r.get("scope"))).count());
    assertEquals(3, t.rows().stream().filter(r -> "rlvr-small".equals(r.get("run"))
        && r.get("scope").toString().endsWith(" mean")).count());
  }

  @Test
  void everyTableHasACsvCopyWithTheSameRows() {
    RlRun small = run("rlvr-small", 64, 0.4);
    RlRun large = run("rlvr-large", 512, 0.6);
    String path = dir.resolve(AnalysisTables.SATURATION).toString();
    AnalysisTables.writeSaturation(path, RunDynamics.of(List.of(small, large), SETTINGS));
    Table parquet = TableFiles.read(path);
    Table csv = TableFiles.read(AnalysisTables.csvBeside(path));
    assertEquals(dir.resolve("saturation.csv").toString(), csv.source());
    assertEquals(parquet.columns(), csv.columns());
    assertEquals(parquet.rows().size(), csv.rows().size());
    for (int i = 0; i < parquet.rows().size(); i++) {
      for (String c : parquet.columns()) {
        Object p = parquet.rows().get(i).get(c);
        Object v = csv.rows().get(i).get(c);
        if (p instanceof Double d) {
          // full precision: the CSV's number is the Parquet double exactly
          assertEquals(d, csv.number(csv.rows().get(i), c), c + " of row " + i);
        } else {
          assertEquals(p == null ? "" : p, v, c + " of row " + i);
        }
      }
    }
  }

  @Test
  void csvQuotesTextWithCommasAndQuotes() {
    String path = dir.resolve("t.csv").toString();
    TableFiles.writeCsv(path, List.of(new TableFiles.Column("name", TableFiles.Kind.TEXT),
        new TableFiles.Column("n", TableFiles.Kind.INTEGER)), List.of(
            Map.of("name", "a, \"b\"", "n", 3L), Map.of("name", "plain")));
    Table t = TableFiles.read(path);
    assertEquals("a, \"b\"", t.rows().get(0).get("name"));
    assertEquals(3.0, t.number(t.rows().get(0), "n"));
    assertNull(t.number(t.rows().get(1), "n"));
  }

  @Test
  void stepsTableHoldsRawAndSmoothedRewardAndTrueAccuracyWhereLogged() {
    RlRun r = new RlRun("rlvr-a", "/out/stages/rlvr-a", Map.of(), "/out/stages/sft-a",
        StepSeries.ofValues(0.0, 0.3, 0.6, 0.9), StepSeries.of(Map.of(1L, 0.5, 3L, 0.7)), Map.of(), Map.of());
    String path = dir.resolve(AnalysisTables.STEPS).toString();
    AnalysisTables.writeSteps(path, List.of(r), new SaturationSettings(0.99, 0, 10, 2));
    Table t = TableFiles.read(AnalysisTables.csvBeside(path));
    assertEquals(List.of("run", "step", "reward_mean", "reward_smoothed", "true_accuracy"), t.columns());
    assertEquals(4, t.rows().size());
    Map<String, Object> step2 = t.rows().get(2);
    assertEquals(2.0, t.number(step2, "step"));
    assertEquals(0.6, t.number(step2, "reward_mean"), 1e-12);
    // window 2: the mean of steps 1 and 2, the curve t_sat is found on
    assertEquals(0.45, t.number(step2, "reward_smoothed"), 1e-12);
    assertNull(t.number(step2, "true_accuracy"));
    assertEquals(0.7, t.number(t.rows().get(3), "true_accuracy"), 1e-12);
    assertEquals(0.0, t.number(t.rows().get(0), "reward_smoothed"), 1e-12);
  }

  @Test
  void evaluationsTableHasOneRowPerRunStepAndBenchmarkWithItsGroup() {
    RlRun small = run("rlvr-small", 64, 0.4);
    String path = dir.resolve(AnalysisTables.EVALUATIONS).toString();
    AnalysisTables.writeEvaluations(path, List.of(small), "avg_at_k");
    Table t = TableFiles.read(AnalysisTables.csvBeside(path));
    assertEquals(5 * 3, t.rows().size());
    Map<String, Object> heldOutAtSat = t.rows().stream()
        .filter(r -> "arith@1".equals(r.get("benchmark")) && "20".equals(r.get("step"))).findFirst().orElseThrow();
    assertEquals(Benchmark.HELD_OUT, heldOutAtSat.get("group"));
    assertEquals("avg_at_k", heldOutAtSat.get("metric"));
    assertEquals(0.5, t.number(heldOutAtSat, "value"), 1e-12);
    assertEquals(Benchmark.OTHER, t.rows().stream().filter(r -> "gsm8k".equals(r.get("benchmark"))).findFirst()
        .orElseThrow().get("group"));
  }

  /** A run whose held-out benchmark gains {@code heldOutGain} by t_sat = 20. */
  static RlRun run(String name, long problems, double heldOutGain) {
    double[] reward = new double[200];
    for (int t = 0; t < reward.length; t++) {
      reward[t] = Math.min(1, t / 20.0);
    }
    Map<String, StepSeries> benchmarks = Map.of(
        "arith@1", StepSeries.of(Map.of(0L, 0.1, 20L, 0.1 + heldOutGain, 199L, 0.1 + heldOutGain)),
        "arith@2", StepSeries.of(Map.of(0L, 0.0, 20L, 0.05, 199L, 0.05)),
        "arith@3", StepSeries.of(Map.of(0L, 0.0, 20L, 0.15, 199L, 0.15)),
        "island@1", StepSeries.of(Map.of(0L, 0.3, 20L, 0.2, 199L, 0.2)),
        "gsm8k", StepSeries.of(Map.of(0L, 0.0, 20L, 0.9, 199L, 0.9)));
    Map<String, BenchmarkContext> contexts = Map.of(
        "arith@1", new BenchmarkContext(Benchmark.HELD_OUT, 0.1, 2),
        "arith@2", new BenchmarkContext(Benchmark.HARDER, 0.3, 0),
        "arith@3", new BenchmarkContext(Benchmark.HARDER, 0.5, 0),
        "island@1", BenchmarkContext.of(Benchmark.OTHER_DOMAINS),
        "gsm8k", new BenchmarkContext(Benchmark.OTHER, 0.8, 7));
    return new RlRun(name, "/out/stages/" + name, Map.of("problems", String.valueOf(problems), "reward", "verifiable"),
        "/out/stages/sft-a", StepSeries.ofValues(reward), new StepSeries(List.of()), benchmarks, contexts);
  }

  static Map<String, Object> row(Table t, String run, String scope) {
    return t.rows().stream().filter(r -> run.equals(r.get("run")) && Objects.equals(scope, r.get("scope")))
        .findFirst().orElseThrow();
  }
}

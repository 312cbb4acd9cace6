package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.study.analysis.TableFiles.Column;
import dev.weakrl.study.analysis.TableFiles.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepTablesTest {
  @TempDir Path dir;

  @Test
  void readsACsvTrainingLogSkippingStepsWithoutAReward() throws Exception {
    Path csv = dir.resolve("log.csv");
    Files.writeString(csv, "step,\"train/reward\",lr\n0,0.1,1e-6\n1,,1e-6\n2,0.5,1e-6\n");
    StepSeries r = StepTables.curve(TableFiles.read(csv.toString()), "train/reward", "--reward");
    assertEquals(StepSeries.of(Map.of(0L, 0.1, 2L, 0.5)), r);
  }

  @Test
  void aMissingColumnIsAnErrorListingTheColumnsTheFileHas() throws Exception {
    Path csv = dir.resolve("log.csv");
    Files.writeString(csv, "step,critic/score\n0,0.1\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StepTables.curve(TableFiles.read(csv.toString()), "reward", "--reward"));
    assertEquals(csv + ": no column 'reward' (--reward); the file has columns [step, critic/score]", e.getMessage());

    String parquet = dir.resolve("eval.parquet").toString();
    TableFiles.write(parquet, List.of(new Column("step", Kind.INTEGER), new Column("score", Kind.NUMBER)),
        List.of(Map.of("step", 0L, "score", 0.2)));
    e = assertThrows(IllegalArgumentException.class, () -> StepTables.evaluations(TableFiles.read(parquet)));
    assertTrue(e.getMessage().contains("no column 'benchmark'") && e.getMessage().contains("[step, score]"),
        e.getMessage());
  }

  @Test
  void readsParquetEvaluationsPerBenchmark() {
    String parquet = dir.resolve("eval.parquet").toString();
    TableFiles.write(parquet, List.of(new Column("step", Kind.INTEGER), new Column("benchmark", Kind.TEXT),
        new Column("value", Kind.NUMBER)), List.of(
            Map.of("step", 0L, "benchmark", "math500", "value", 0.2),
            Map.of("step", 50L, "benchmark", "math500", "value", 0.4),
            Map.of("step", 0L, "benchmark", "aime", "value", 0.0)));
    Map<String, StepSeries> evals = StepTables.evaluations(TableFiles.read(parquet));
    assertEquals(List.of("math500", "aime"), List.copyOf(evals.keySet()));
    assertEquals(StepSeries.of(Map.of(0L, 0.2, 50L, 0.4)), evals.get("math500"));
  }

  @Test
  void aDuplicateStepIsAnError() throws Exception {
    Path csv = dir.resolve("log.csv");
    Files.writeString(csv, "step,reward\n0,0.1\n0,0.2\n");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> StepTables.curve(TableFiles.read(csv.toString()), "reward", "--reward")).getMessage()
        .contains("step 0 appears twice"));
  }
}

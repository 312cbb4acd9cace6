package dev.weakrl.pipelines.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.study.stages.MetricsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeBenchmarkTest {
  @Test
  void samplingFractionIsTheRlvrStagesSamplingOverStepTimeInTheSecondHalf(@TempDir Path out) throws Exception {
    Files.createDirectories(out.resolve("stages/sft-1"));
    Path rlvr = Files.createDirectories(out.resolve("stages/rlvr-2"));
    MetricsFile.write(rlvr.resolve(MetricsFile.NAME).toString(), List.of(
        Map.of("step", 1.0, "sampling_seconds", 9.0, "step_seconds", 10.0),
        Map.of("step", 2.0, "sampling_seconds", 9.0, "step_seconds", 10.0),
        Map.of("step", 3.0, "sampling_seconds", 1.0, "step_seconds", 4.0),
        Map.of("step", 4.0, "sampling_seconds", 2.0, "step_seconds", 4.0)));
    assertEquals(3.0 / 8.0, RecipeBenchmark.rlSamplingFraction(out).get("recipe_rl_sampling_fraction"), 1e-12);
  }

  @Test
  void aRunWithoutItsRlvrStageIsAnError(@TempDir Path out) throws Exception {
    Files.createDirectories(out.resolve("stages/sft-1"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> RecipeBenchmark.rlSamplingFraction(out));
    assertTrue(e.getMessage().contains("expected one RLVR stage"), e.getMessage());
  }
}

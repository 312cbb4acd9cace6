package dev.weakrl.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaturationCommandTest {
  @TempDir Path dir;

  /**
   * The example other-frameworks.ipynb ships: the study's cpt+thinking scarce-8 seed-2 run in
   * veRL's column name gives what the study's analysis found for it (README, Notebooks).
   */
  @Test
  void shippedVerlNamedLogGivesTheStudysSaturation() throws Exception {
    Path json = dir.resolve("out.json");
    assertEquals(0, Cli.run(new String[] {"saturation", "--metrics", "../examples/other-framework/train-log.csv",
        "--reward", "critic/score/mean", "--eval", "../examples/other-framework/eval.csv", "--tail", "5",
        "--rapidBelow", "10", "--heldOut", "arith@1", "--harder", "arith@2-3", "--otherDomains", "units@1",
        "--json", json.toString()}));
    JsonNode result = Json.read(json.toString());
    assertEquals(42, result.get("t_sat").asLong());
    assertEquals("gradual", result.get("regime").asText());
    assertEquals(-0.08203125, result.path("held_out").path("delta_sat").asDouble(), 1e-12);
  }

  @Test
  void csvLogAndEvaluationsGiveTSatRegimeAndGainsPerGroup() throws Exception {
    StringBuilder log = new StringBuilder("step,train_reward\n");
    for (int t = 0; t < 100; t++) {
      log.append(t).append(',').append(Math.min(1, t / 10.0)).append('\n');
    }
    Files.writeString(dir.resolve("log.csv"), log);
    Files.writeString(dir.resolve("eval.csv"), "step,benchmark,value,truncated,overlap_with_training\n"
        + "0,math,0.1,0.5,0\n10,math,0.4,0.2,0\n40,math,0.5,0.1,3\n"
        + "0,math-hard,0.0,0.9,0\n10,math-hard,0.6,0.7,0\n40,math-hard,0.6,0.6,0\n"
        + "0,aime,0,0.3,0\n40,aime,0.1,,0\n"
        + "0,mixed,0,0,0\n40,mixed,0.9,0,0\n");
    Path json = dir.resolve("out.json");
    assertEquals(0, Cli.run(new String[] {"saturation", "--metrics", dir.resolve("log.csv").toString(), "--reward",
        "train_reward", "--eval", dir.resolve("eval.csv").toString(), "--tail", "20", "--smooth", "1",
        "--heldOut", "math", "--harder", "math-hard", "--otherDomains", "aime", "--json", json.toString()}));
    JsonNode result = Json.read(json.toString());
    assertEquals(10, result.get("t_sat").asLong());
    assertEquals("rapid", result.get("regime").asText());
    JsonNode heldOut = result.path("held_out");
    // The harder benchmark's 0.6 and the unlisted one's 0.9 stay out of the held-out mean.
    assertEquals(0.3, heldOut.path("delta_sat").asDouble(), 1e-9);
    assertEquals(0.1, heldOut.path("delta_post").asDouble(), 1e-9);
    assertEquals("[\"math\"]", heldOut.path("benchmarks").toString());
    // Truncation and overlap at the last step (40), beside the gains.
    assertEquals(0.1, heldOut.path("truncated").asDouble(), 1e-9);
    assertEquals(3, heldOut.path("overlap_with_training").asDouble(), 1e-9);
    assertEquals(0.6, result.path("harder").path("delta_sat").asDouble(), 1e-9);
    assertEquals(0.6, result.path("harder").path("truncated").asDouble(), 1e-9);
    // aime was evaluated at 0 and 40 only: t_sat = 10 reads step 0. Its last truncation is empty: null.
    assertEquals(0.0, result.path("other_domains").path("delta_sat").asDouble(), 1e-9);
    assertTrue(result.path("other_domains").path("truncated").isNull());
    assertTrue(result.path("other").isMissingNode(), "'other' is averaged into no group");
    JsonNode mixed = null;
    for (JsonNode b : result.path("benchmarks")) {
      mixed = b.path("benchmark").asText().equals("mixed") ? b : mixed;
    }
    assertEquals("other", mixed.path("group").asText());
  }

  @Test
  void aGroupNamingABenchmarkTheEvaluationsLackIsAnError() throws Exception {
    Files.writeString(dir.resolve("log.csv"), "step,reward\n0,0.1\n1,0.5\n");
    Files.writeString(dir.resolve("eval.csv"), "step,benchmark,value\n0,math,0.1\n");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      assertEquals(2, Cli.run(new String[] {"saturation", "--metrics", dir.resolve("log.csv").toString(), "--eval",
          dir.resolve("eval.csv").toString(), "--heldOut", "maths"}));
    } finally {
      System.setErr(err);
    }
    assertTrue(captured.toString().contains("--heldOut names maths, which --eval does not have; it has [math]"),
        captured.toString());
  }

  @Test
  void aMissingRewardColumnListsTheFilesColumns() throws Exception {
    Files.writeString(dir.resolve("log.csv"), "step,critic/score\n0,0.5\n");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      assertEquals(2, Cli.run(new String[] {"saturation", "--metrics", dir.resolve("log.csv").toString()}));
    } finally {
      System.setErr(err);
    }
    assertTrue(captured.toString().contains("no column 'reward' (--reward); the file has columns [step, critic/score]"),
        captured.toString());
  }
}

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

  @Test
  void csvLogAndEvaluationsGiveTSatRegimeAndGains() throws Exception {
    StringBuilder log = new StringBuilder("step,train_reward\n");
    for (int t = 0; t < 100; t++) {
      log.append(t).append(',').append(Math.min(1, t / 10.0)).append('\n');
    }
    Files.writeString(dir.resolve("log.csv"), log);
    Files.writeString(dir.resolve("eval.csv"), "step,benchmark,value\n0,math,0.1\n10,math,0.4\n40,math,0.5\n0,aime,0\n40,aime,0.1\n");
    Path json = dir.resolve("out.json");
    assertEquals(0, Cli.run(new String[] {"saturation", "--metrics", dir.resolve("log.csv").toString(), "--reward",
        "train_reward", "--eval", dir.resolve("eval.csv").toString(), "--tail", "20", "--smooth", "1", "--inDomain", "math",
        "--json", json.toString()}));
    JsonNode result = Json.read(json.toString());
    assertEquals(10, result.get("t_sat").asLong());
    assertEquals("rapid", result.get("regime").asText());
    assertEquals(0.3, result.path("in_domain").path("delta_sat").asDouble(), 1e-9);
    assertEquals(0.1, result.path("in_domain").path("delta_post").asDouble(), 1e-9);
    // aime was evaluated at 0 and 40 only: t_sat = 10 reads step 0.
    assertEquals(0.0, result.path("out_of_domain").path("delta_sat").asDouble(), 1e-9);
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

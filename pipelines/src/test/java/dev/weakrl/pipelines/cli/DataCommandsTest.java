package dev.weakrl.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.datasets.weak.WeakSupervision;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandsTest {
  @TempDir Path dir;

  @Test
  void verifyExitStatusSaysCorrectWrongOrUndecided() {
    assertEquals(0, Cli.run(new String[] {"verify", "--answer", "\\boxed{\\dfrac{1}{2}}", "--truth", "0.5"}));
    assertEquals(1, Cli.run(new String[] {"verify", "--answer", "3", "--truth", "4"}));
    assertEquals(2, Cli.run(new String[] {"verify", "--answer", "\\sqrt{2}", "--truth", "1.414"}));
  }

  @Test
  void checkOfANoisyGeneratedFileCountsTheCorruptedLabels() {
    String clean = dir.resolve("arith.parquet").toString();
    assertEquals(0, Cli.run(new String[] {"data", "generate", "--domain", "arith", "--count", "20",
        "--difficulty", "2", "--out", clean, "--seed", "4"}));
    List<Problem> problems = ProblemFiles.read(clean).problems();
    String noisy = dir.resolve("noisy.jsonl").toString();
    ProblemFiles.write(noisy, WeakSupervision.noisy(problems, 0.25, Map.of(), List.of("-999", "999"), 1));
    String report = dir.resolve("check.json").toString();
    assertEquals(0, Cli.run(new String[] {"data", "check", noisy, "--json", report}));
    JsonNode counts = Json.read(report);
    assertEquals(20, counts.get("checked").asInt());
    assertEquals(5, counts.get("disagree").asInt());
    assertEquals(5, counts.get("disagreeing").size());
  }

  @Test
  void generateDrawsFromTheSideOfTheSplitAsked() {
    String heldOut = dir.resolve("heldout.jsonl").toString();
    assertEquals(0, Cli.run(new String[] {"data", "generate", "--domain", "units", "--count", "30", "--split", "heldout",
        "--out", heldOut}));
    assertTrue(ProblemFiles.read(heldOut).problems().stream().allMatch(Split.HELD_OUT::contains));
    assertEquals(2, Cli.run(new String[] {"data", "generate", "--domain", "units", "--count", "3", "--split", "test",
        "--out", heldOut}), "an unknown side is a usage error");
  }

  @Test
  void inspectOfAParquetFilePrintsItsSchemaAndCounts() {
    String file = dir.resolve("arith.parquet").toString();
    ProblemFiles.write(file, List.of(Problem.of("a", "arith", 1, "Compute: 1+2", "3", null)));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Cli.run(new String[] {"data", "inspect", file}));
    } finally {
      System.setOut(stdout);
    }
    String out = printed.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("schema:\nmessage schema {") && out.contains("rows: 1  problems: 1  rejected: 0"), out);
  }
}

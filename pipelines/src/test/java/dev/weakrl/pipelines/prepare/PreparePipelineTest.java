package dev.weakrl.pipelines.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.study.prepare.TokenCounts;
import dev.weakrl.study.stages.StageLock;
import dev.weakrl.study.stages.StageManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparePipelineTest {
  static PrepareOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(PrepareOptions.class);
  }

  @Test
  void writesEveryVariantOnceAndReusesTheCompleteStage(@TempDir Path tmp) {
    PrepareOptions o = options("--out=" + tmp, "--domain=units", "--levels=1", "--count=16", "--variants=full,scarce-2,proxy",
        "--scarceBatch=4");
    String dir = PreparePipeline.run(o);
    assertEquals(PreparePipeline.spec(o).dir(tmp.toString()), dir);
    assertEquals(16.0, StageManifest.read(dir).path("figures").path("rows_full").asDouble());
    assertEquals(4.0, StageManifest.read(dir).path("figures").path("rows_scarce-2").asDouble());
    List<Problem> full = ProblemFiles.read(dir + "/full.parquet").problems();
    assertEquals(16, full.size());
    assertFalse(full.get(0).meta(TokenCounts.PROMPT_TOKENS).isEmpty());

    Storage.deleteRecursively(dir + "/full.parquet");
    assertEquals(dir, PreparePipeline.run(o)); // complete: not run again, so nothing is rewritten
    assertFalse(Files.exists(Path.of(dir, "full.parquet")));
  }

  static String row(String id, String question, String answer) {
    return "{\"data_source\":\"t\",\"prompt\":[{\"role\":\"user\",\"content\":" + Json.write(question)
        + "}],\"ability\":\"math\",\"reward_model\":{\"ground_truth\":\"" + answer
        + "\",\"style\":\"rule\"},\"extra_info\":{\"id\":\"" + id + "\"}}\n";
  }

  @Test
  void aRowTheTokenizerCannotEncodeIsARejectAndTheRestIsPrepared(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("in.jsonl");
    Files.writeString(input, row("a", "What is 1+1?", "2") + row("tab", "What is\t2+2?", "4") + row("b", "What is 3+3?", "6"));
    String dir = PreparePipeline.run(options("--out=" + tmp.resolve("runs"), "--input=" + input, "--variants=full"));
    assertEquals(StageManifest.COMPLETE, StageManifest.read(dir).path("status").asText());
    assertEquals(List.of("a", "b"), ProblemFiles.read(dir + "/full.parquet").problems().stream().map(Problem::id).toList());
    List<String> rejects = Files.readAllLines(Path.of(dir, "rejects", "in.jsonl.rejects.jsonl"));
    assertEquals(1, rejects.size(), rejects.toString());
    JsonNode reject = Json.parse(rejects.get(0), "reject");
    assertEquals(1, reject.path("row").asInt());
    assertEquals("tab", reject.path("id").asText());
    assertTrue(reject.path("reason").asText().contains("U+0009") && reject.path("reason").asText().contains("position 7"),
        reject.toString());
  }

  @Test
  void anInputWhoseRowsAreAllRejectedFailsTheStageNamingTheRejects(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("bad.jsonl");
    Files.writeString(input, row("q1", "curly \u2019 quote", "1") + "not json\n");
    PrepareOptions o = options("--out=" + tmp.resolve("runs"), "--input=" + input, "--variants=full");
    String dir = PreparePipeline.spec(o).dir(tmp.resolve("runs").toString());
    RuntimeException e = assertThrows(RuntimeException.class, () -> PreparePipeline.run(o));
    JsonNode manifest = StageManifest.read(dir);
    assertEquals(StageManifest.FAILED, manifest.path("status").asText());
    assertTrue(manifest.path("error").asText().contains("bad.jsonl.rejects.jsonl"), manifest.toString());
    assertTrue(String.valueOf(e.getMessage()).contains("every row was rejected"), String.valueOf(e.getMessage()));
    assertFalse(Files.exists(Path.of(dir, "full.parquet")));
    assertFalse(Files.exists(Path.of(dir, StageLock.FILE)), "the lock is released");
  }

  @Test
  void anUnreadableInputFailsTheStageInsteadOfLeavingItRunning(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("broken.parquet");
    Files.writeString(input, "this is not parquet");
    PrepareOptions o = options("--out=" + tmp.resolve("runs"), "--input=" + input, "--variants=full");
    assertThrows(RuntimeException.class, () -> PreparePipeline.run(o));
    JsonNode manifest = StageManifest.read(PreparePipeline.spec(o).dir(tmp.resolve("runs").toString()));
    assertEquals(StageManifest.FAILED, manifest.path("status").asText());
    assertTrue(manifest.path("error").asText().contains("broken.parquet"), manifest.toString());
  }

  @Test
  void badOptionsLeaveNoStageBehind(@TempDir Path tmp) {
    assertThrows(IllegalArgumentException.class, () -> PreparePipeline.run(options("--out=" + tmp, "--levels=0-9")));
    assertThrows(IllegalArgumentException.class, () -> PreparePipeline.run(options("--out=" + tmp, "--variants=half")));
    assertFalse(Files.exists(tmp.resolve("stages")));
  }
}

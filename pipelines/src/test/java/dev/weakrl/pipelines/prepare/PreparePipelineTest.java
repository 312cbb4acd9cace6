package dev.weakrl.pipelines.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.study.prepare.TokenCounts;
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

  @Test
  void badOptionsLeaveNoStageBehind(@TempDir Path tmp) {
    assertThrows(IllegalArgumentException.class, () -> PreparePipeline.run(options("--out=" + tmp, "--levels=0-9")));
    assertThrows(IllegalArgumentException.class, () -> PreparePipeline.run(options("--out=" + tmp, "--variants=half")));
    assertFalse(Files.exists(tmp.resolve("stages")));
  }
}

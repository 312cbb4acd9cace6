package dev.weakrl.pipelines.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.common.Storage;
import dev.weakrl.study.stages.StageManifest;
import dev.weakrl.transforms.eval.SkipEvaluated;
import dev.weakrl.transforms.recipe.RunStages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage reuse across grid runs, counted by the training DoFn and checked in the manifests. */
class GridPipelineTest {
  static GridOptions miniature(Path out, String spec) {
    return PipelineOptionsFactory.fromArgs("--out=" + out, "--spec=" + spec, "--count=64", "--stageOptions={"
        + "\"rlvr.problems\": \"32\", \"base.steps\": \"2\", \"cpt.steps\": \"2\", \"sft.steps\": \"2\", "
        + "\"rlvr.steps\": \"1\", \"rlvr.checkpointEvery\": \"1\", \"eval.k\": \"1\", \"eval.maxTokens\": \"4\"}",
        "--benchmarks=arith:1:1,units:1:1", "--targetParallelism=1")
        .withValidation().as(GridOptions.class);
  }

  static PipelineResult run(GridOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    GridPipeline.buildPipeline(pipeline, options, GridSpec.read(options.getSpec()));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return result;
  }

  /** Stage directory → its manifest's started time. */
  static Map<String, String> started(Path out) {
    Map<String, String> started = new TreeMap<>();
    for (String path : Storage.list(out.resolve("stages").toString())) {
      if (path.endsWith("/" + StageManifest.FILE) && !path.contains("/steps/") && !path.contains("/model/")) {
        String dir = path.substring(0, path.length() - StageManifest.FILE.length() - 1);
        started.put(dir, StageManifest.read(dir).path("timings").path("started").asText());
      }
    }
    return started;
  }

  @Test
  void addingASeedTrainsOnlyTheNewRlCell(@TempDir Path out) {
    String first = out.resolve("first.json").toString();
    Storage.writeString(first, "{\"cpt\": [false, true], \"sft\": [\"thinking\"], \"weak\": [\"verifiable\"], \"seeds\": [1]}");
    PipelineResult one = run(miniature(out, first));
    // base, cpt, sft on base, sft on cpt, and one RLVR cell on each SFT model; the base is trained once.
    assertEquals(6, RunStages.count(one, RunStages.TRAINED));
    Map<String, String> before = started(out);

    String second = out.resolve("second.json").toString();
    Storage.writeString(second, "{\"cpt\": [false, true], \"sft\": [\"thinking\"], \"weak\": [\"verifiable\"], \"seeds\": [1, 2]}");
    GridOptions options = miniature(out, second);
    PipelineResult two = run(options);

    assertEquals(2, RunStages.count(two, RunStages.TRAINED), "one new RLVR cell (seed 2) per SFT model");
    assertEquals(6, RunStages.count(two, RunStages.REUSED));
    assertEquals(0, SkipEvaluated.reused(one));
    assertEquals(4, SkipEvaluated.reused(two), "both pre-RL models and the first cells' step checkpoints");
    Map<String, String> after = started(out);
    before.forEach((dir, time) -> assertEquals(time, after.get(dir), dir + " was run again"));
    assertEquals(before.size() + 2, after.size());
    String report = GridPipeline.report(options, GridSpec.read(second));
    assertEquals(1 + 4, report.split("\n").length, report);
    assertTrue(report.contains("base0/cpt/thinking/verifiable/2"), report);
  }

  @Test
  void theExampleSpecIsTheFullGrid() {
    GridSpec spec = GridSpec.read(Path.of("../examples/grid.json").toString());
    assertEquals(List.of(false, true), spec.cpt());
    assertEquals(1 * 2 * 3 * 5 * 2, spec.base().size() * spec.cpt().size() * spec.sft().size() * spec.weak().size()
        * spec.seeds().size());
  }

  @Test
  void weakSettingsNameTheirRlvrOptions() {
    assertEquals(Map.of("reward", "verifiable", "scarce", 16), GridSpec.rlvrChanges("scarce-16"));
    assertEquals(Map.of("reward", "noisy", "noise", 0.4), GridSpec.rlvrChanges("noisy-0.4"));
    assertEquals(Map.of("reward", "majority"), GridSpec.rlvrChanges("majority"));
  }

  @Test
  void aBadSettingNamesTheFile(@TempDir Path out) {
    String path = out.resolve("bad.json").toString();
    Storage.writeString(path, "{\"weak\": [\"scarce-many\"]}");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> GridSpec.read(path));
    assertTrue(e.getMessage().contains("--spec " + path) && e.getMessage().contains("scarce-many"), e.getMessage());
  }
}

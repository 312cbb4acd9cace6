package dev.weakrl.transforms.recipe;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weakrl.common.Storage;
import dev.weakrl.study.stages.StageManifest;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunStagesTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** Runs {@code runs} on {@code p} and asserts the two stage directories come out. */
  static PipelineResult run(Pipeline p, String out, StageRun... runs) {
    PCollection<String> dirs = p.apply(Create.of(List.of(runs))).apply(RunStages.in(out)
        .withAccelerator("type:nvidia-l4;count:1;install-nvidia-driver"));
    String a = new FakeStage("a", 1).spec(List.of()).dir(out);
    String b = new FakeStage("b", 2).spec(List.of()).dir(out);
    PAssert.that(dirs).containsInAnyOrder(a, b);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return result;
  }

  @Test
  public void runsEachDistinctStageOnceAndReusesCompleteOnes() throws Exception {
    String out = tmp.getRoot().getPath();
    StageRun a = new StageRun(new FakeStage("a", 1), "");
    StageRun b = new StageRun(new FakeStage("b", 2), "");
    PipelineResult first = run(pipeline, out, a, b, new StageRun(new FakeStage("a", 1), ""));
    assertEquals(2, RunStages.count(first, RunStages.TRAINED));
    assertEquals(0, RunStages.count(first, RunStages.REUSED));
    String started = StageManifest.read(new FakeStage("a", 1).spec(List.of()).dir(out))
        .path("timings").path("started").asText();

    // A later run in the same directory: a fresh pipeline on the same (Direct) runner.
    PipelineResult second = run(Pipeline.create(), out, a, b);
    assertEquals(0, RunStages.count(second, RunStages.TRAINED));
    assertEquals(2, RunStages.count(second, RunStages.REUSED));
    assertEquals(started, StageManifest.read(new FakeStage("a", 1).spec(List.of()).dir(out))
        .path("timings").path("started").asText());
  }

  @Test
  public void aStageThatThrowsLeavesNoCompleteManifestAndRunsAgainNextTime() throws Exception {
    String out = tmp.getRoot().getPath();
    Storage.writeString(Storage.resolve(out, FakeStage.FAIL), "");
    StageRun a = new StageRun(new FakeStage("a", 1), "");
    pipeline.apply(Create.of(a)).apply(RunStages.in(out));
    Exception e = assertThrows(Exception.class, () -> pipeline.run().waitUntilFinish());
    assertTrue(String.valueOf(e), String.valueOf(e).contains("a failed on purpose"));
    String dir = new FakeStage("a", 1).spec(List.of()).dir(out);
    assertFalse(StageManifest.isComplete(dir));
    assertEquals(StageManifest.FAILED, StageManifest.read(dir).path("status").asText());

    Storage.deleteRecursively(Storage.resolve(out, FakeStage.FAIL));
    PipelineResult retried = run(Pipeline.create(), out, a, new StageRun(new FakeStage("b", 2), ""));
    assertEquals(2, RunStages.count(retried, RunStages.TRAINED));
    assertTrue(StageManifest.isComplete(dir));
  }
}

package dev.weakrl.transforms.recipe;

import static org.junit.Assert.assertEquals;

import dev.weakrl.common.Storage;
import dev.weakrl.study.stages.StageManifest;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ApplyStageTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void trainsEveryOptionOnEveryInput() {
    String out = tmp.getRoot().getPath();
    String root = new FakeStage("root", 0).run(out, "", s -> {});
    String rootKey = StageManifest.read(root).path("key").asText();
    FakeStage x = new FakeStage("x", 1);
    FakeStage y = new FakeStage("y", 2);
    RunStages runStages = RunStages.in(out);

    PCollection<String> roots = pipeline.apply(Create.of(root));
    PCollection<String> trained = roots.apply("Train", ApplyStage.with(List.of(x, y), runStages));
    String xDir = x.spec(List.of(rootKey)).dir(out);
    String yDir = y.spec(List.of(rootKey)).dir(out);
    PAssert.that(trained).containsInAnyOrder(xDir, yDir);
    pipeline.run().waitUntilFinish();

    assertEquals(root, StageManifest.read(xDir).path("inputs").get(0).asText());
    assertEquals("2", Storage.readString(Storage.resolve(yDir, "value.txt")));
  }
}

package dev.weakrl.transforms.recipe;

import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.study.stages.StageManifest;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RlCheckpointsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** A stage directory of {@code steps} steps with complete step checkpoints at {@code saved}. */
  String rlvrDir(String name, int steps, int... saved) {
    String dir = Storage.resolve(tmp.getRoot().getPath(), name);
    Json.writeFile(Storage.resolve(dir, StageManifest.FILE), Json.object().put("status", StageManifest.COMPLETE)
        .set("options", Json.object().put("steps", String.valueOf(steps))));
    for (int step : saved) {
      Storage.writeString(Storage.resolve(dir, String.format("steps/step-%06d/%s", step, Checkpoint.MANIFEST)), "{}");
    }
    Storage.writeString(Storage.resolve(dir, "steps/step-000099.staging/" + Checkpoint.MANIFEST), "{}");
    return dir;
  }

  @Test
  public void everyStepCheckpointAndTheFinalModelWhereNoStepHoldsIt() {
    String whole = rlvrDir("a", 50, 25, 50);
    String partial = rlvrDir("b", 40, 25);
    PAssert.that(pipeline.apply(Create.of(whole, partial)).apply(new RlCheckpoints())).containsInAnyOrder(
        whole + "/steps/step-000025", whole + "/steps/step-000050", partial + "/steps/step-000025", partial + "/model");
    pipeline.run().waitUntilFinish();
  }
}

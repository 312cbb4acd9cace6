package dev.weakrl.transforms.recipe;

import dev.weakrl.common.Storage;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.study.stages.Embedded;
import dev.weakrl.study.stages.StageManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * RLVR stage directories → the checkpoints to evaluate: every step checkpoint ({@code
 * steps/step-000025/}, …), plus the final {@code model/} where no step checkpoint holds the last
 * step.
 */
public final class RlCheckpoints extends PTransform<PCollection<String>, PCollection<String>> {
  private static final Pattern STEP_MANIFEST = Pattern.compile(".*/steps/step-(\\d+)/" + Checkpoint.MANIFEST);

  @Override
  public PCollection<String> expand(PCollection<String> rlvrDirs) {
    return rlvrDirs.apply("ListCheckpoints", FlatMapElements.into(TypeDescriptors.strings()).via(RlCheckpoints::of));
  }

  /** The checkpoints of one complete RLVR stage directory, in step order. */
  public static List<String> of(String rlvrDir) {
    List<String> checkpoints = new ArrayList<>();
    long lastStep = 0;
    for (String path : Storage.list(Storage.resolve(rlvrDir, "steps"))) { // sorted: step order
      Matcher m = STEP_MANIFEST.matcher(path);
      if (m.matches()) {
        checkpoints.add(path.substring(0, path.length() - Checkpoint.MANIFEST.length() - 1));
        lastStep = Long.parseLong(m.group(1));
      }
    }
    if (lastStep < StageManifest.read(rlvrDir).path("options").path("steps").asLong()) {
      checkpoints.add(Storage.resolve(rlvrDir, Embedded.MODEL));
    }
    return checkpoints;
  }
}

package dev.weakrl.pipelines.cli;

import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.study.stages.BaseStage;
import dev.weakrl.study.stages.StageManifest;
import java.util.List;
import java.util.Optional;

/** Where a training command starts: {@code --from}, else the newest earlier stage in --out, else the base. */
final class StageInputs {
  private StageInputs() {}

  /**
   * @param from the {@code --from} value, or null
   * @param earlier stage names to look for in {@code out}, most preferred first
   */
  static String resolve(String out, String from, List<String> earlier) {
    if (from != null) {
      if (Checkpoint.isHuggingFace(from)) {
        // The stages train with the embedded character tokenizer and read their input's lineage.
        throw new Args.UsageException("--from " + from + ": a Hugging Face directory; training stages start from "
            + "stage directories only (eval --checkpoint and diagnose --checkpoint take Hugging Face directories)");
      }
      if (!StageManifest.isComplete(from)) {
        throw new Args.UsageException("--from " + from + ": not a complete stage directory (its manifest.json"
            + " must say status complete)");
      }
      return from;
    }
    for (String stage : earlier) {
      Optional<String> found = StageManifest.latestComplete(out, stage);
      if (found.isPresent()) {
        System.err.println("starting from " + found.get());
        return found.get();
      }
    }
    System.err.println("no earlier stage in " + out + ": building the embedded base model");
    return BaseStage.run(out, BaseStage.Options.defaults(), System.err::println);
  }
}

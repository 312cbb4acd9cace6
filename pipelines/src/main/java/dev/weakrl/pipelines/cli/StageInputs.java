package dev.weakrl.pipelines.cli;

import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.study.stages.BaseStage;
import dev.weakrl.study.stages.StageManifest;
import java.util.List;
import java.util.Optional;

/**
 * Where a training command starts: {@code --from} (a stage directory, or a Hugging Face directory
 * imported as the base stage), else the newest earlier stage in --out, else the embedded base.
 */
final class StageInputs {
  private StageInputs() {}

  /**
   * @param from the {@code --from} value, or null
   * @param earlier stage names to look for in {@code out}, most preferred first
   */
  static String resolve(String out, String from, List<String> earlier) {
    if (from != null) {
      if (Checkpoint.isHuggingFace(from)) {
        System.err.println("importing " + from + " as the base stage");
        return BaseStage.run(out, BaseStage.Options.from(from), System.err::println);
      }
      if (!StageManifest.isComplete(from)) {
        throw new Args.UsageException("--from " + from + ": neither a complete stage directory (its manifest.json"
            + " must say status complete) nor a Hugging Face model directory (config.json, tokenizer.json, safetensors)");
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

package dev.weakrl.pipelines.cli;

import dev.weakrl.common.Json;
import dev.weakrl.transforms.stages.StageManifest;

/** What the training commands share: --out and --from, and the closing report. */
final class StageCommands {
  private StageCommands() {}

  static Args common(String usage) {
    return new Args(usage)
        .option("out", "runs", "run directory: stages go to <out>/stages/<stage>-<key>/")
        .option("from", null, "input stage directory (default: the newest earlier stage in --out, else the base)");
  }

  /** Prints the stage directory and its figures; exit status 0. */
  static int report(String dir) {
    System.out.println(dir);
    System.out.println(Json.write(StageManifest.read(dir).path("figures")));
    return 0;
  }
}

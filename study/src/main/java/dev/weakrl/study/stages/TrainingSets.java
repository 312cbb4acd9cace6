package dev.weakrl.study.stages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.split.Split;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The problems each training stage trained on, written to {@code <stage dir>/train.parquet} (veRL
 * layout) so that anyone can audit a split without our code, and the prompts a checkpoint has
 * seen: those of its own stage and of every stage upstream of it.
 */
public final class TrainingSets {
  public static final String FILE = "train.parquet";

  private TrainingSets() {}

  public static void write(String stageDir, List<Problem> problems) {
    ProblemFiles.write(Storage.resolve(stageDir, FILE), problems);
  }

  /**
   * The canonical prompts ({@link Split#canonical}) that trained the model in {@code checkpoint}
   * (a stage's {@code model/} or {@code steps/step-N/}) or any model upstream of it, following the
   * stage manifests' inputs. A checkpoint outside a stage directory has no known training set.
   */
  public static Set<String> seenBy(String checkpoint) {
    Set<String> prompts = new HashSet<>();
    stageDirOf(checkpoint).ifPresent(dir -> collect(dir, prompts, new HashSet<>()));
    return prompts;
  }

  private static void collect(String stageDir, Set<String> prompts, Set<String> visited) {
    if (!visited.add(stageDir) || !Storage.exists(Storage.resolve(stageDir, StageManifest.FILE))) {
      return;
    }
    String file = Storage.resolve(stageDir, FILE);
    if (Storage.exists(file)) {
      ProblemFiles.read(file).problems().forEach(p -> prompts.add(Split.canonical(p)));
    }
    for (JsonNode input : StageManifest.read(stageDir).path("inputs")) {
      if (!input.asText().isEmpty()) {
        collect(input.asText(), prompts, visited);
      }
    }
  }

  /**
   * How many of {@code set} were trained on by a stage that trained on {@code own} on top of the
   * model in {@code inputCheckpoint} (empty: none): a held-out figure's {@code overlap_with_training}.
   */
  public static int overlap(List<Problem> set, List<Problem> own, String inputCheckpoint) {
    Set<String> seen = inputCheckpoint.isEmpty() ? new HashSet<>() : seenBy(inputCheckpoint);
    own.forEach(p -> seen.add(Split.canonical(p)));
    return (int) set.stream().filter(p -> seen.contains(Split.canonical(p))).count();
  }

  /** {@code <stage>/model} and {@code <stage>/steps/step-N} → {@code <stage>}: whose lineage it is. */
  public static Optional<String> stageDirOf(String checkpoint) {
    String dir = checkpoint.replaceAll("/+$", "");
    String parent = dir.substring(0, Math.max(0, dir.lastIndexOf('/')));
    if (dir.endsWith("/" + Embedded.MODEL)) {
      return Optional.of(parent);
    }
    if (parent.endsWith("/steps")) {
      return Optional.of(parent.substring(0, parent.lastIndexOf('/')));
    }
    return Optional.empty();
  }
}

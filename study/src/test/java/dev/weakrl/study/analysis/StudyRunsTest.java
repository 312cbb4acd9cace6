package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weakrl.common.Storage;
import dev.weakrl.study.stages.StageManifest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyRunsTest {
  static String stage(Path root, String name, String manifest) {
    String dir = root.resolve(name).toString();
    Storage.writeString(Storage.resolve(dir, StageManifest.FILE), manifest);
    return dir;
  }

  @Test
  void armsComeFromTheLineage(@TempDir Path root) {
    String base = stage(root, "base", "{\"stage\": \"base\"}");
    String cpt = stage(root, "cpt", "{\"stage\": \"cpt\", \"inputs\": [\"" + base + "\"]}");
    assertEquals("base", StudyRuns.arm(base));
    assertEquals("cpt", StudyRuns.arm(cpt));
    assertEquals("thinking", StudyRuns.arm(stage(root, "sft-a",
        "{\"stage\": \"sft\", \"options\": {\"variant\": \"thinking\"}, \"inputs\": [\"" + base + "\"]}")));
    assertEquals("cpt+nonthinking", StudyRuns.arm(stage(root, "sft-b",
        "{\"stage\": \"sft\", \"options\": {\"variant\": \"nonthinking\"}, \"inputs\": [\"" + cpt + "\"]}")));
  }

  @Test
  void settingsAreNamedAsTheGridNamesThem() {
    assertEquals("scarce-8", StudyRuns.setting(Map.of("reward", "verifiable", "scarce", "8")));
    assertEquals("noisy-0.5", StudyRuns.setting(Map.of("reward", "noisy", "scarce", "0", "noise", "0.5")));
    assertEquals("majority", StudyRuns.setting(Map.of("reward", "majority", "scarce", "0")));
  }
}

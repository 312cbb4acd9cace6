package dev.weakrl.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageInputsTest {
  @Test
  void aBrokenHuggingFaceDirectoryAsFromNamesTheFaultBeforeAnyStageDirectoryExists(@TempDir Path dir)
      throws IOException {
    Path hf = Files.createDirectories(dir.resolve("hf"));
    Files.writeString(hf.resolve("config.json"), "{}");
    Path out = dir.resolve("runs");
    var e = assertThrows(IllegalArgumentException.class, () -> StageInputs.resolve(out.toString(), hf.toString(),
        List.of("sft")));
    assertTrue(e.getMessage().contains(hf.resolve("config.json").toString())
        && e.getMessage().contains("hidden_size"), e.getMessage());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aFromThatIsNeitherAStageNorAModelSaysWhatEachNeeds(@TempDir Path dir) {
    var e = assertThrows(Args.UsageException.class, () -> StageInputs.resolve("runs", dir.toString(), List.of("sft")));
    assertTrue(e.getMessage().contains("stage directory") && e.getMessage().contains("Hugging Face"), e.getMessage());
  }
}

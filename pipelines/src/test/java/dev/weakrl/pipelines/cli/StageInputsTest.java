package dev.weakrl.pipelines.cli;

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
  void aHuggingFaceDirectoryAsFromSaysWhereItIsAccepted(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("config.json"), "{}");
    var e = assertThrows(Args.UsageException.class, () -> StageInputs.resolve("runs", dir.toString(), List.of("sft")));
    assertTrue(e.getMessage().contains("a Hugging Face directory") && e.getMessage().contains("eval --checkpoint"),
        e.getMessage());
  }
}

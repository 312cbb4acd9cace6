package dev.weakrl.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.study.eval.TinyCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  @TempDir Path dir;

  private static float[] logits(String modelDir, NDManager manager) {
    try (Llama model = Checkpoint.load(modelDir, manager).model(manager)) {
      NDArray tokens = manager.create(new int[] {1, 40, 41, 42, 7, 9}, new Shape(1, 6));
      return model.forward(tokens, manager.ones(new Shape(1, 6))).toFloatArray();
    }
  }

  @Test
  void exportsAWeakrlCheckpointThatLoadsBackToIdenticalLogits() {
    String checkpoint = TinyCheckpoint.save(dir.resolve("ckpt").toString(), 3);
    String out = dir.resolve("hf").toString();
    CliTest.Run r = CliTest.capture(() -> Cli.run(new String[] {"export", "--checkpoint", checkpoint, "--out", out}));
    assertEquals(0, r.status(), r.err());
    assertTrue(Checkpoint.isHuggingFace(out));
    assertTrue(Files.exists(Path.of(out, "model.safetensors")) && Files.exists(Path.of(out, "generation_config.json")));
    try (NDManager manager = NDManager.newBaseManager()) {
      assertArrayEquals(logits(checkpoint, manager), logits(out, manager));
    }
  }

  @Test
  void anUnknownDtypeIsAUsageError() {
    CliTest.Run r = CliTest.capture(() -> Cli.run(new String[] {"export", "--checkpoint", "x", "--out", "y",
        "--dtype", "int8"}));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--dtype int8: expected f32, bf16 or f16"), r.err());
  }
}

package dev.weakrl.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.ParquetFiles;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.models.checkpoint.HfCheckpoints;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.HfTokenizer;
import dev.weakrl.models.tokenizer.NpmPackages;
import dev.weakrl.study.stages.MetricsFile;
import dev.weakrl.study.stages.StageManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny random Qwen2 with Qwen3's real vocabulary (151k tokens) and chat template, saved as a
 * BF16 Hugging Face directory, through the commands a user runs: eval on MATH-500 problems, one
 * GRPO step from it, export, reload.
 */
class RealVocabularyModelTest {
  private static final String MATH500 = "../../shared/data/verl-eval/math500.parquet";

  @TempDir Path dir;

  private static float[] logits(String modelDir, NDManager manager) {
    try (Llama model = Checkpoint.load(modelDir, manager).model(manager)) {
      // "<|im_start|>user\nWhat is 1+1?" in Qwen's ids, and ids near the top of the vocabulary
      NDArray tokens = manager.create(new int[] {151644, 872, 198, 3838, 374, 220, 16, 10, 16, 30, 151643, 151000},
          new Shape(1, 12));
      return model.forward(tokens, manager.ones(new Shape(1, 12))).toFloatArray();
    }
  }

  private static CliTest.Run cli(String... args) {
    CliTest.Run r = CliTest.capture(() -> Cli.run(args));
    assertEquals(0, r.status(), String.join(" ", args) + "\n" + r.err());
    return r;
  }

  @Test
  void aBf16QwenDirectoryEvaluatesOnMath500TrainsAGrpoStepAndExportsToEqualLogits() throws Exception {
    HfTokenizer tokenizer = HfTokenizer.load(NpmPackages.tokenizerDir(NpmPackages.QWEN3_TOKENIZER).toString());
    assertTrue(tokenizer.vocabSize() > 151_000, "vocabulary " + tokenizer.vocabSize());
    int rows = (tokenizer.vocabSize() + 127) / 128 * 128; // Qwen pads its embedding to a multiple of 128
    LlamaConfig config = new LlamaConfig("qwen2", rows, 16, 40, 2, 4, 2, 4, 2048, 1e-6, 1e6, null, true, true, false);
    String hf = dir.resolve("qwen-tiny").toString();
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(config, m, 7)) {
      HfCheckpoints.export(hf, model, tokenizer, HfCheckpoints.Precision.BF16);
    }
    assertEquals("bfloat16", Json.read(hf + "/config.json").path("torch_dtype").asText());

    // eval: 8 MATH-500 problems through Qwen3's chat template
    String benchmark = dir.resolve("math500-8.parquet").toString();
    ProblemFiles.write(benchmark, ProblemFiles.read(MATH500).problems().subList(0, 8));
    String out = dir.resolve("runs").toString();
    cli("eval", "--checkpoint", hf, "--benchmarks", benchmark, "--out", out, "--k", "2", "--maxTokens", "8");
    Path summary;
    try (Stream<Path> files = Files.walk(Path.of(out, "eval"))) {
      summary = files.filter(p -> p.getFileName().toString().startsWith("summary-")).findFirst().orElseThrow();
    }
    List<JsonNode> rowsRead = new java.util.ArrayList<>();
    ParquetFiles.forEach(summary.toString(), rowsRead::add);
    JsonNode row = rowsRead.get(0);
    assertEquals(8, row.path("problems").asInt());
    assertEquals(0, row.path("overlap_with_training").asInt());

    // one GRPO step, starting from the Hugging Face directory: imported as the base stage
    String rlvr = cli("rlvr", "--from", hf, "--out", out, "--steps", "1", "--prompts", "2", "--group", "2",
        "--problems", "8", "--maxNewTokens", "8", "--checkpointEvery", "0").out().lines().findFirst().orElseThrow();
    assertTrue(StageManifest.isComplete(rlvr), rlvr);
    String base = StageManifest.read(rlvr).path("inputs").get(0).asText();
    assertEquals(hf, StageManifest.read(base).path("options").path("from").asText());
    List<java.util.Map<String, Double>> metrics = MetricsFile.read(rlvr + "/" + MetricsFile.NAME);
    assertEquals(1, metrics.size());
    assertTrue(Double.isFinite(metrics.get(0).get("loss")), metrics.toString());
    try (NDManager m = NDManager.newBaseManager()) {
      assertTrue(Checkpoint.load(rlvr + "/model", m).tokenizer() instanceof HfTokenizer,
          "the stage keeps the model's own tokenizer");
    }

    // export the trained model and load it back
    String exported = dir.resolve("exported").toString();
    cli("export", "--checkpoint", rlvr + "/model", "--out", exported);
    try (NDManager m = NDManager.newBaseManager()) {
      assertArrayEquals(logits(rlvr + "/model", m), logits(exported, m));
    }
  }
}

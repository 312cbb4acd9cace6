package dev.weakrl.pipelines.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.ParquetFiles;
import dev.weakrl.common.Storage;
import dev.weakrl.models.checkpoint.HfCheckpoints;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.study.eval.CheckpointKey;
import dev.weakrl.study.eval.EvalManifest;
import dev.weakrl.study.stages.Embedded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalPipelineTest {
  @Test
  void evaluatesATinyCheckpointOnAProceduralBenchmark(@TempDir Path tmp) throws Exception {
    String stage = tmp.resolve("stages/sft-0123456789").toString();
    try (NDManager manager = NDManager.newBaseManager(); Llama model = Llama.init(Embedded.config(), manager, 5)) {
      Embedded.save(stage, model, Embedded.tokenizer(), "sft");
    }
    EvalOptions options = PipelineOptionsFactory.fromArgs("--checkpoint=" + stage + "/model", "--out=" + tmp,
        "--benchmarks=arith:1:3", "--evalOptions={\"k\": \"4\", \"maxTokens\": \"8\", \"shardSize\": \"2\"}").as(EvalOptions.class);
    List<String> dirs = EvalPipeline.run(options);

    assertEquals(List.of(Storage.resolve(tmp + "/eval", "sft-0123456789")), dirs);
    List<ObjectNode> summary = read(dirs.get(0) + "/summary-00000-of-00001.parquet");
    assertEquals(1, summary.size());
    assertEquals("arith@1", summary.get(0).get("benchmark").asText());
    assertEquals(3, summary.get(0).get("problems").asInt());
    assertTrue(summary.get(0).get("pass_at_8").isNull()); // k = 4: no pass@8
    assertEquals(3 * 5, read(dirs.get(0) + "/samples-00000-of-00001.parquet").size());
  }

  @Test
  void aRerunWithTheSameSettingsEvaluatesNothingAndOtherSettingsEvaluateAgain(@TempDir Path tmp) throws Exception {
    String stage = tmp.resolve("stages/sft-0123456789").toString();
    try (NDManager manager = NDManager.newBaseManager(); Llama model = Llama.init(Embedded.config(), manager, 5)) {
      Embedded.save(stage, model, Embedded.tokenizer(), "sft");
    }
    String[] args = {"--checkpoint=" + stage + "/model", "--out=" + tmp, "--benchmarks=arith:1:2",
        "--evalOptions={\"k\": \"2\", \"maxTokens\": \"4\"}"};
    Path summary = Path.of(EvalPipeline.run(PipelineOptionsFactory.fromArgs(args).as(EvalOptions.class)).get(0),
        "summary-00000-of-00001.parquet");
    FileTime first = Files.getLastModifiedTime(summary);
    assertTrue(Files.exists(summary.resolveSibling(EvalManifest.FILE)));
    Thread.sleep(20);

    EvalPipeline.run(PipelineOptionsFactory.fromArgs(args).as(EvalOptions.class));
    assertEquals(first, Files.getLastModifiedTime(summary), "the same evaluation again: reused, not rewritten");

    args[3] = "--evalOptions={\"k\": \"3\", \"maxTokens\": \"4\"}";
    EvalPipeline.run(PipelineOptionsFactory.fromArgs(args).as(EvalOptions.class));
    assertTrue(Files.getLastModifiedTime(summary).compareTo(first) > 0, "other settings evaluate again");
    assertEquals(2 * 4, read(summary.resolveSibling("samples-00000-of-00001.parquet").toString()).size());
  }

  @Test
  void evaluatesAHuggingFaceDirectory(@TempDir Path tmp) throws Exception {
    String hf = tmp.resolve("hf-model").toString();
    try (NDManager manager = NDManager.newBaseManager(); Llama model = Llama.init(Embedded.config(), manager, 5)) {
      HfCheckpoints.export(hf, model, Embedded.tokenizer(), HfCheckpoints.Precision.F32);
    }
    EvalOptions options = PipelineOptionsFactory.fromArgs("--checkpoint=" + hf, "--out=" + tmp,
        "--benchmarks=arith:1:2", "--evalOptions={\"k\": \"1\", \"maxTokens\": \"4\"}").as(EvalOptions.class);
    List<String> dirs = EvalPipeline.run(options);
    assertEquals(List.of(Storage.resolve(tmp + "/eval", CheckpointKey.of(hf))), dirs);
    assertEquals(2, read(dirs.get(0) + "/summary-00000-of-00001.parquet").get(0).get("problems").asInt());
  }

  @Test
  void aHuggingFaceDirectoryWithPickleWeightsIsRefusedBeforeAnythingRuns(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("config.json"), Embedded.config().toJson());
    Files.writeString(tmp.resolve("pytorch_model.bin"), "never opened");
    EvalOptions options = PipelineOptionsFactory.fromArgs("--checkpoint=" + tmp).as(EvalOptions.class);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvalPipeline.checkpoints(options));
    assertTrue(e.getMessage().contains("--checkpoint " + tmp) && e.getMessage().contains("pytorch_model.bin"),
        e.getMessage());
  }

  @Test
  void aMissingCheckpointIsNamed(@TempDir Path tmp) {
    EvalOptions options = PipelineOptionsFactory.fromArgs("--checkpoint=" + tmp + "/nothing").as(EvalOptions.class);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvalPipeline.checkpoints(options));
    assertTrue(e.getMessage().contains("--checkpoint " + tmp + "/nothing"), e.getMessage());
  }

  static List<ObjectNode> read(String path) {
    List<ObjectNode> rows = new ArrayList<>();
    ParquetFiles.forEach(path, rows::add);
    return rows;
  }
}

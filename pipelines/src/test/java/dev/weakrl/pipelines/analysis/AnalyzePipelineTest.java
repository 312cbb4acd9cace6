package dev.weakrl.pipelines.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.ParquetFiles;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.CharTokenizer;
import dev.weakrl.study.analysis.AnalysisReport;
import dev.weakrl.study.analysis.Table;
import dev.weakrl.study.analysis.TableFiles;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.BenchmarkSummary;
import dev.weakrl.study.eval.EvalParquet;
import dev.weakrl.study.stages.MetricsFile;
import dev.weakrl.study.stages.TrainingSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} end to end on a miniature grid written by hand: an SFT stage and three RL runs
 * over 200 steps (n = 64 saturating rapidly, n = 512 gradually, a random-reward run that never
 * saturates), their evaluations every 50 steps on three groups of benchmarks (arith@1 held-out,
 * arith@2-3 harder, island@1 other domains, as the evaluation would group them for arith at level
 * 1), and tiny random models to probe.
 * {@code -Dweakrl.analysis.keep=DIR} copies the analysis there to look at.
 */
class AnalyzePipelineTest {
  static final String SFT = "sft-aaaaaaaaaa";

  @TempDir Path out;

  @Test
  void writesTablesFiguresAndReportForAMiniatureGrid() throws Exception {
    tinyModel(out.resolve("stages/" + SFT + "/model"));
    manifest(out.resolve("stages/" + SFT), "sft", Map.of(), List.of());
    evaluation(SFT, 0, 0.10);
    run("rlvr-1111111111", "verifiable", 64, t -> Math.min(0.9, 0.3 + t / 50.0), t -> 0.10 + 0.2 * Math.min(1, t / 50.0));
    run("rlvr-2222222222", "verifiable", 512, t -> Math.min(0.8, 0.3 + t / 240.0), t -> 0.10 + 0.4 * Math.min(1, t / 150.0));
    run("rlvr-3333333333", "random", 64, t -> 0.2 + t / 400.0, t -> 0.10);

    // Noise-free curves: the expected t_sat below are of the raw definition.
    AnalyzeOptions options = PipelineOptionsFactory.fromArgs("--run=" + out, "--probePrompts=2", "--probeRollouts=4",
            "--smooth=1")
        .as(AnalyzeOptions.class);
    String report = AnalyzePipeline.run(options);

    Path analysis = out.resolve("analysis");
    assertEquals(analysis.resolve("report.html").toString(), report);
    String html = Files.readString(analysis.resolve("report.html"));
    JsonNode json = Json.read(analysis.resolve(AnalysisReport.REPORT_JSON).toString());
    assertEquals(6, json.path("claims").size(), json.toString());
    assertEquals("C1", json.path("claims").get(0).path("id").asText());
    JsonNode run = json.path("runs").get(0);
    assertTrue(run.has("t_sat") && run.path("held-out").has("delta_sat") && run.has("faithfulness"), run.toString());
    assertTrue(html.contains("The study's claims"), "the claims come first in the report");
    assertTrue(html.contains("Table 1") && html.contains("rlvr-1111111111") && html.contains("unsaturated"), html);
    assertTrue(html.contains("held-out<br>Δsat / Δpost") && html.contains("harder<br>seen / trunc")
        && html.contains("other domains<br>Δsat / Δpost") && !html.contains("out-of-domain"), html);
    assertTrue(html.contains("benchmark groups: held-out: arith@1; harder: arith@2-3; other domains: island@1; "
        + "other: none"), html);
    // Run 1's held-out seen / trunc at its final checkpoint.
    assertTrue(html.contains("<td>seen 2.0, trunc 0.050</td>"), html);
    for (String png : List.of("faithfulness-vs-tsat.png", "diversity-vs-generalisation.png",
        "rlvr-1111111111-training.png", "rlvr-1111111111-accuracy.png", "rlvr-3333333333-training.png")) {
      assertTrue(Files.size(analysis.resolve(png)) > 5_000, png);
      assertTrue(html.contains("src=\"" + png + "\""), png);
    }

    Table saturation = TableFiles.read(analysis.resolve("saturation.parquet").toString());
    Map<String, Object> small = row(saturation, "rlvr-1111111111", "arith@1");
    assertEquals("held-out", small.get("group"));
    // 0.3 + t/50 reaches 0.99 * 0.9 = 0.891 at t = 29.55 -> 30; M read at the nearest evaluation, step 50.
    assertEquals(30.0, small.get("t_sat"));
    assertEquals("rapid", small.get("regime"));
    assertEquals(50.0, small.get("eval_step_sat"));
    assertEquals(0.2, (Double) small.get("delta_sat"), 1e-9);
    assertEquals(0.0, (Double) small.get("delta_post"), 1e-9);
    // G_sat against n = 512 at step 30 (read at 50): (0.1 + 0.4/3) - 0.3.
    assertEquals("rlvr-2222222222", small.get("g_sat_larger_run"));
    assertEquals(0.1 + 0.4 / 3 - 0.3, (Double) small.get("g_sat"), 1e-9);
    assertEquals("gradual", row(saturation, "rlvr-2222222222", "arith@1").get("regime"));
    assertEquals("harder", row(saturation, "rlvr-1111111111", "arith@2-3").get("group"));
    assertEquals("other domains", row(saturation, "rlvr-1111111111", "island@1").get("group"));
    Map<String, Object> random = row(saturation, "rlvr-3333333333", null);
    assertEquals("unsaturated", random.get("regime"));
    assertNull(random.get("t_sat"));
    // Each group's mean is its own: the harder level's 0.5 is not in the held-out mean of 0.2.
    Map<String, Object> heldOut = row(saturation, "rlvr-1111111111", "held-out mean", true);
    assertEquals("held-out", heldOut.get("group"));
    assertEquals(0.2, (Double) heldOut.get("delta_sat"), 1e-9);
    assertEquals(0.1 + 0.4 / 3 - 0.3, (Double) heldOut.get("g_sat"), 1e-9);
    // Overlap and truncation beside it are the final checkpoint's (step 200), not a mean over steps.
    assertEquals(2.0, (Double) heldOut.get("overlap_with_training"), 1e-9);
    assertEquals(0.05, (Double) heldOut.get("truncated"), 1e-9);
    Map<String, Object> harder = row(saturation, "rlvr-1111111111", "harder mean", true);
    assertEquals(0.5, (Double) harder.get("delta_sat"), 1e-9);
    assertEquals(0.2, (Double) harder.get("truncated"), 1e-9);
    assertEquals(0.0, (Double) harder.get("overlap_with_training"), 1e-9);
    Map<String, Object> otherDomains = row(saturation, "rlvr-1111111111", "other domains mean", true);
    assertEquals((0.05 + 50 / 4000.0) - 0.05, (Double) otherDomains.get("delta_sat"), 1e-9);
    assertEquals(0.5, (Double) otherDomains.get("truncated"), 1e-9);
    assertTrue(saturation.rows().stream().noneMatch(r -> r.containsKey("in_domain")));

    Table faithfulness = TableFiles.read(analysis.resolve("faithfulness.parquet").toString());
    assertEquals(6, faithfulness.rows().size(), "pre-RL and final model of each of 3 runs");
    for (Map<String, Object> r : faithfulness.rows()) {
      assertEquals(8.0, r.get("rollouts"));
      double sum = (Double) r.get("faithful") + (Double) r.get("partial") + (Double) r.get("unfaithful");
      assertEquals(1.0, sum, 1e-9);
    }
    Table diversity = TableFiles.read(analysis.resolve("diversity.parquet").toString());
    assertEquals(12, diversity.rows().size(), "2 prompts at each of 6 checkpoints");

    // The CSV copies the notebooks read: the same rows, and each run's curves and evaluated steps.
    assertEquals(saturation.rows().size(), TableFiles.read(analysis.resolve("saturation.csv").toString()).rows().size());
    Table steps = TableFiles.read(analysis.resolve("steps.csv").toString());
    assertEquals(3 * 200, steps.rows().size());
    Map<String, Object> step40 = steps.rows().stream()
        .filter(r -> "rlvr-1111111111".equals(r.get("run")) && "40".equals(r.get("step"))).findFirst().orElseThrow();
    assertEquals(0.9, steps.number(step40, "reward_mean"), 1e-9);
    assertEquals(0.9, steps.number(step40, "reward_smoothed"), 1e-9, "--smooth=1 leaves the curve as it is");
    assertEquals(0.81, steps.number(step40, "true_accuracy"), 1e-9);
    Table evaluations = TableFiles.read(analysis.resolve("evaluations.csv").toString());
    assertEquals(3 * 5 * 3, evaluations.rows().size(), "3 runs x steps 0, 50, 100, 150, 200 x 3 benchmarks");
    Map<String, Object> last = evaluations.rows().stream().filter(r -> "rlvr-1111111111".equals(r.get("run"))
        && "arith@1".equals(r.get("benchmark")) && "200".equals(r.get("step"))).findFirst().orElseThrow();
    assertEquals("held-out", last.get("group"));
    assertEquals("avg_at_k", last.get("metric"));
    assertEquals(0.3, evaluations.number(last, "value"), 1e-9);

    String keep = System.getProperty("weakrl.analysis.keep");
    if (keep != null) {
      for (Path f : Files.list(analysis).filter(Files::isRegularFile).toList()) {
        Files.createDirectories(Path.of(keep));
        Files.copy(f, Path.of(keep).resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  static Map<String, Object> row(Table t, String run, String benchmark) {
    return row(t, run, benchmark, false);
  }

  /** The row of {@code run} whose benchmark (or, with {@code byScope}, scope) is {@code key}. */
  static Map<String, Object> row(Table t, String run, String key, boolean byScope) {
    return t.rows().stream().filter(r -> run.equals(r.get("run"))
        && java.util.Objects.equals(key, r.get(byScope ? "scope" : "benchmark"))).findFirst().orElseThrow();
  }

  /** An RL run of 200 steps evaluated every 50 (held-out arith@1 follows {@code heldOut}). */
  void run(String name, String reward, int problems, LongToDoubleFunction rewardAt, LongToDoubleFunction heldOut)
      throws Exception {
    Path dir = out.resolve("stages/" + name);
    manifest(dir, "rlvr", Map.of("reward", reward, "domain", "arith", "difficulty", "1", "problems",
        String.valueOf(problems), "steps", "200", "temperature", "1.0", "maxNewTokens", "24", "seed", "1"),
        List.of(out.resolve("stages/" + SFT).toString()));
    TrainingSets.write(dir.toString(), Domains.get("arith").generate(Split.TRAIN, problems, 1, 1));
    List<Map<String, Double>> rows = new ArrayList<>();
    for (long t = 0; t < 200; t++) {
      rows.add(Map.of("step", (double) t, "reward_mean", rewardAt.applyAsDouble(t), "true_accuracy",
          reward.equals("random") ? 0.1 : rewardAt.applyAsDouble(t) * 0.9));
    }
    MetricsFile.write(dir.resolve(MetricsFile.NAME).toString(), rows);
    tinyModel(dir.resolve("model"));
    for (long step = 50; step < 200; step += 50) {
      evaluation(String.format("%s-step-%06d", name, step), step, heldOut.applyAsDouble(step));
    }
    evaluation(name, 200, heldOut.applyAsDouble(200));
  }

  /**
   * A checkpoint's summaries with the evaluation's schema: held-out arith@1 at {@code heldOut},
   * harder arith@2-3 gaining 0.5 by step 50, island@1 slowly rising; truncation falls and overlap
   * grows with the step, so the final checkpoint's values differ from every other's.
   */
  void evaluation(String key, long step, double heldOut) throws Exception {
    String path = out.resolve("eval/" + key + "/summary-00000-of-00001.parquet").toString();
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(ParquetFiles.output(path))
        .withSchema(EvalParquet.SUMMARY).build()) {
      writer.write(EvalParquet.toRecord(summary(key, "arith@1", Benchmark.HELD_OUT, heldOut, 0.1 - step / 4000.0,
          (int) (step / 100))));
      writer.write(EvalParquet.toRecord(summary(key, "arith@2-3", Benchmark.HARDER,
          0.02 + 0.5 * Math.min(1, step / 50.0), 0.3 - step / 2000.0, 0)));
      writer.write(EvalParquet.toRecord(summary(key, "island@1", Benchmark.OTHER_DOMAINS, 0.05 + step / 4000.0, 0.5,
          0)));
    }
  }

  static BenchmarkSummary summary(String key, String benchmark, String group, double avg, double truncated,
      int overlap) {
    return new BenchmarkSummary(key, benchmark, group, 48, 8, avg, 0.02, Map.of(1, avg, 8, Math.min(1, 2 * avg)), avg,
        0.05, truncated, 64, overlap);
  }

  static void manifest(Path dir, String stage, Map<String, String> options, List<String> inputs) throws Exception {
    ObjectNode m = Json.object().put("stage", stage).put("status", "complete");
    options.forEach(m.putObject("options")::put);
    inputs.forEach(m.putArray("inputs")::add);
    Files.createDirectories(dir);
    Json.writeFile(dir.resolve("manifest.json").toString(), m);
  }

  static void tinyModel(Path dir) {
    CharTokenizer tokenizer = CharTokenizer.standard();
    LlamaConfig config = LlamaConfig.tiny(tokenizer.vocabSize());
    try (NDManager manager = NDManager.newBaseManager(); Llama model = Llama.init(config, manager, 7)) {
      Checkpoint.save(dir.toString(), config, tokenizer, model.parameters(), Json.object());
    }
  }
}

package dev.weakrl.study.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Storage;
import dev.weakrl.study.eval.CheckpointKey;
import dev.weakrl.study.eval.EvalParquet;
import dev.weakrl.study.stages.Embedded;
import dev.weakrl.study.stages.MetricsFile;
import dev.weakrl.study.stages.RlvrStage;
import dev.weakrl.study.stages.StageManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the RL runs of an {@code --out} directory and loads each with its evaluations. */
public final class RlRuns {
  public static final String REWARD = "reward_mean";
  public static final String TRUE_ACCURACY = "true_accuracy";
  static final String TRUNCATED = "truncated";
  static final String OVERLAP = "overlap_with_training";
  private static final Pattern SUMMARY = Pattern.compile(".*/eval/([^/]+)/summary-[^/]*\\.parquet");
  private static final Pattern STEP_KEY = Pattern.compile("(.+)-step-(\\d+)");

  private RlRuns() {}

  /** The complete {@code rlvr} stage directories under {@code <out>/stages}, sorted. */
  public static List<String> find(String out) {
    List<String> dirs = new ArrayList<>();
    String suffix = "/" + StageManifest.FILE;
    for (String path : Storage.list(Storage.resolve(out, "stages"))) {
      String dir = path.endsWith(suffix) ? path.substring(0, path.length() - suffix.length()) : "";
      if (dir.matches(".*/" + RlvrStage.NAME + "-[0-9a-f]+") && StageManifest.isComplete(dir)) {
        dirs.add(dir);
      }
    }
    return dirs;
  }

  /**
   * The run in stage directory {@code dir} of {@code out}, with {@code metric} (a summary column,
   * e.g. {@code avg_at_k}) of every evaluated checkpoint of it under {@code <out>/eval}.
   */
  public static RlRun load(String out, String dir, String metric) {
    JsonNode manifest = StageManifest.read(dir);
    String name = dir.replaceAll("/+$", "").substring(dir.replaceAll("/+$", "").lastIndexOf('/') + 1);
    Map<String, String> options = new TreeMap<>();
    manifest.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
    String input = manifest.path("inputs").path(0).asText("");
    if (input.isEmpty()) {
      throw new IllegalArgumentException(Storage.resolve(dir, StageManifest.FILE) + ": no input stage in 'inputs'");
    }
    // The manifest holds the path the run was given; the stage's name finds it under this --out.
    String inputDir = Storage.resolve(Storage.resolve(out, "stages"), input.substring(input.lastIndexOf('/') + 1));
    Table metrics = TableFiles.read(Storage.resolve(dir, MetricsFile.NAME));
    StepSeries reward = StepTables.curve(metrics, REWARD, "the RL stage's mean train reward");
    StepSeries trueAccuracy = metrics.columns().contains(TRUE_ACCURACY)
        ? StepTables.curve(metrics, TRUE_ACCURACY, "true accuracy") : new StepSeries(List.of());
    long lastStep = Long.parseLong(options.getOrDefault("steps", String.valueOf(reward.last().step() + 1)));
    String preRlKey = CheckpointKey.of(Storage.resolve(inputDir, Embedded.MODEL));
    Evaluations evals = evaluations(out, name, preRlKey, lastStep, metric);
    return new RlRun(name, dir, options, inputDir, reward, trueAccuracy, evals.metrics(), evals.contexts());
  }

  /** A run's evaluations: each benchmark's metric by step, and its context at its last evaluated step. */
  record Evaluations(Map<String, StepSeries> metrics, Map<String, BenchmarkContext> contexts) {}

  /**
   * Each benchmark's {@code metric} by step over the run's evaluated checkpoints: the pre-RL model
   * at step 0, its step checkpoints at their steps, its final model at {@code lastStep} (where a
   * step checkpoint of that step is not also evaluated). Each benchmark's group, truncation and
   * overlap are those of its latest summary: the run's own checkpoints are grouped against its
   * training, and their overlap counts its training set, which the pre-RL model's does not.
   */
  static Evaluations evaluations(String out, String run, String preRlKey, long lastStep, String metric) {
    Map<Long, String> summaries = new TreeMap<>();
    String finalSummary = null;
    for (String path : Storage.list(EvalParquet.evalDir(out))) {
      Matcher m = SUMMARY.matcher(path);
      if (!m.matches()) {
        continue;
      }
      String key = m.group(1);
      Matcher step = STEP_KEY.matcher(key);
      if (key.equals(preRlKey)) {
        summaries.put(0L, path);
      } else if (key.equals(run)) {
        finalSummary = path;
      } else if (step.matches() && step.group(1).equals(run)) {
        summaries.put(Long.parseLong(step.group(2)), path);
      }
    }
    if (finalSummary != null) {
      summaries.putIfAbsent(lastStep, finalSummary);
    }
    Map<String, Map<Long, Double>> byBenchmark = new LinkedHashMap<>();
    Map<String, BenchmarkContext> contexts = new LinkedHashMap<>();
    // Ascending steps: a later summary's context replaces an earlier one's.
    summaries.forEach((step, path) -> {
      Table summary = TableFiles.read(path);
      summary.require("benchmark", "an evaluation summary");
      summary.require("group", "an evaluation summary's benchmark group; summaries written before groups need "
          + "re-evaluating");
      summary.require(metric, "--metric");
      for (Map<String, Object> row : summary.rows()) {
        String benchmark = summary.text(row, "benchmark");
        contexts.put(benchmark, new BenchmarkContext(summary.text(row, "group"), orNaN(summary, row, TRUNCATED),
            orNaN(summary, row, OVERLAP)));
        Double value = summary.number(row, metric);
        if (value != null) {
          byBenchmark.computeIfAbsent(benchmark, b -> new TreeMap<>()).put(step, value);
        }
      }
    });
    Map<String, StepSeries> series = new LinkedHashMap<>();
    byBenchmark.forEach((b, values) -> series.put(b, StepSeries.of(values)));
    return new Evaluations(series, contexts);
  }

  /** The cell as a number, NaN where the column or the value is missing. */
  private static double orNaN(Table table, Map<String, Object> row, String column) {
    Double v = table.columns().contains(column) ? table.number(row, column) : null;
    return v == null ? Double.NaN : v;
  }
}

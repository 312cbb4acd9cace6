package dev.weakrl.study.analysis;

import dev.weakrl.study.analysis.TableFiles.Column;
import dev.weakrl.study.analysis.TableFiles.Kind;
import dev.weakrl.study.eval.Benchmark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The analysis tables: {@code saturation}, {@code faithfulness}, {@code diversity}, {@code steps}
 * (each run's train reward curves) and {@code evaluations} (each run's benchmark metric by step),
 * each as Parquet, the format of record, and as CSV beside it with the same columns, for readers
 * without a Parquet library (the notebooks). Columns in the README's Analysis section.
 */
public final class AnalysisTables {
  public static final String SATURATION = "saturation.parquet";
  public static final String FAITHFULNESS = "faithfulness.parquet";
  public static final String DIVERSITY = "diversity.parquet";
  public static final String STEPS = "steps.parquet";
  public static final String EVALUATIONS = "evaluations.parquet";

  /** Kinds of rows in saturation.parquet; a group's mean row has scope {@link #groupScope}. */
  public static final String SCOPE_BENCHMARK = "benchmark";
  public static final String SCOPE_RUN = "run";

  private static final List<Column> SATURATION_COLUMNS = List.of(
      text("run"), integer("training_set_size"), text("reward"), integer("t_sat"), number("r_max"),
      integer("t_last"), integer("t_eff"), text("regime"), text("scope"), text("benchmark"), text("group"),
      integer("eval_step_start"), integer("eval_step_sat"), number("m_start"), number("m_sat"),
      number("delta_sat"), number("delta_post"), number("g_sat"), text("g_sat_larger_run"),
      number("overlap_with_training"), number("truncated"));
  private static final List<Column> FAITHFULNESS_COLUMNS = List.of(
      text("run"), text("checkpoint"), integer("step"), text("scorer"), integer("rollouts"), number("faithful"),
      number("partial"), number("unfaithful"), number("correct"), number("aligned_among_correct"));
  private static final List<Column> DIVERSITY_COLUMNS = List.of(
      text("run"), text("checkpoint"), integer("step"), text("problem_id"), integer("responses"),
      integer("distinct_answers"), number("distinct_n"), integer("clusters"), number("n_eff"), number("div"),
      integer("faithful_responses"), integer("faithful_clusters"), number("faithful_n_eff"), number("faithful_div"));
  private static final List<Column> STEPS_COLUMNS = List.of(
      text("run"), integer("step"), number(RlRuns.REWARD), number("reward_smoothed"), number(RlRuns.TRUE_ACCURACY));
  private static final List<Column> EVALUATIONS_COLUMNS = List.of(
      text("run"), integer("step"), text("benchmark"), text("group"), text("metric"), number("value"));

  private AnalysisTables() {}

  /** The CSV copy of the table at {@code parquetPath}: the same name ending {@code .csv}. */
  public static String csvBeside(String parquetPath) {
    return parquetPath.replaceFirst("\\.parquet$", "") + ".csv";
  }

  /** The scope of {@code group}'s mean row: {@code held-out mean}, {@code harder mean}, {@code other domains mean}. */
  public static String groupScope(String group) {
    return group + " mean";
  }

  /**
   * Per run: one row per evaluated benchmark ({@code scope} = benchmark), the mean of each group of
   * {@link Benchmark#GROUPS} (null values where the group has no benchmarks), or a single
   * {@code run} row when it did not saturate or has no evaluations. M(t) is the evaluated
   * checkpoint nearest t: {@code eval_step_start}/{@code eval_step_sat} say which. Each row's
   * {@code overlap_with_training} and {@code truncated} (the group's means) are those of the last
   * evaluated checkpoint, so no gain is read without them.
   */
  public static void writeSaturation(String path, List<RunDynamics> runs) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RunDynamics d : runs) {
      SaturationPoint p = d.saturation().point();
      Map<String, Object> base = new LinkedHashMap<>();
      base.put("run", d.run().name());
      base.put("training_set_size", d.run().trainingSetSize() < 0 ? null : d.run().trainingSetSize());
      base.put("reward", d.run().options().get("reward"));
      base.put("t_sat", p.saturationStep().isPresent() ? p.saturationStep().getAsLong() : null);
      base.put("r_max", p.rewardMax());
      base.put("t_last", p.lastStep());
      base.put("t_eff", p.effectiveEnd());
      base.put("regime", p.regime().label());
      base.put("g_sat_larger_run", d.largerRun());
      if (d.saturation().gains().isEmpty()) {
        rows.add(with(base, Map.of("scope", SCOPE_RUN)));
      }
      for (RunSaturation.BenchmarkGains g : d.saturation().gains()) {
        Map<String, Object> row = with(base, Map.of("scope", SCOPE_BENCHMARK, "benchmark", g.benchmark(),
            "group", g.group()));
        row.put("eval_step_start", g.gains().startStep());
        row.put("eval_step_sat", g.gains().saturationEvalStep());
        row.put("m_start", g.gains().atStart());
        row.put("m_sat", g.gains().atSaturation());
        row.put("delta_sat", g.gains().deltaSat());
        row.put("delta_post", g.gains().deltaPost());
        row.put("g_sat", d.gaps().get(g.benchmark()));
        BenchmarkContext context = d.run().contexts().get(g.benchmark());
        if (context != null) {
          row.put("overlap_with_training", context.overlapWithTraining());
          row.put("truncated", context.truncated());
        }
        rows.add(row);
      }
      if (!d.saturation().gains().isEmpty()) {
        for (String group : Benchmark.GROUPS) {
          Map<String, Object> row = with(base, Map.of("scope", groupScope(group), "group", group));
          row.put("delta_sat", d.saturation().meanDeltaSat(group));
          row.put("delta_post", d.saturation().meanDeltaPost(group));
          row.put("g_sat", d.meanGap(group));
          row.put("overlap_with_training", d.run().meanOverlap(group));
          row.put("truncated", d.run().meanTruncated(group));
          rows.add(row);
        }
      }
    }
    write(path, SATURATION_COLUMNS, rows);
  }

  /** One row per probed checkpoint. */
  public static void writeFaithfulness(String path, List<ProbeResult> results) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ProbeResult r : results) {
      FaithfulnessSummary f = r.faithfulness();
      Map<String, Object> row = probeKey(r);
      row.put("scorer", r.scorer());
      row.put("rollouts", f.rollouts());
      row.put("faithful", f.faithful());
      row.put("partial", f.partial());
      row.put("unfaithful", f.unfaithful());
      row.put("correct", f.correct());
      row.put("aligned_among_correct", f.alignedAmongCorrect());
      rows.add(row);
    }
    write(path, FAITHFULNESS_COLUMNS, rows);
  }

  /** One row per probed checkpoint and prompt. */
  public static void writeDiversity(String path, List<ProbeResult> results) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ProbeResult r : results) {
      for (PromptDiversity d : r.diversity()) {
        Map<String, Object> row = probeKey(r);
        row.put("problem_id", d.problemId());
        row.put("responses", d.responses());
        row.put("distinct_answers", d.distinctAnswers());
        row.put("distinct_n", d.distinctN());
        row.put("clusters", d.clusters());
        row.put("n_eff", d.effectiveClusters());
        row.put("div", d.diversity());
        row.put("faithful_responses", d.faithfulResponses());
        row.put("faithful_clusters", d.faithfulClusters());
        row.put("faithful_n_eff", d.faithfulEffectiveClusters());
        row.put("faithful_div", d.faithfulDiversity());
        rows.add(row);
      }
    }
    write(path, DIVERSITY_COLUMNS, rows);
  }

  /**
   * One row per run and step of its train reward ({@code reward_mean}), the trailing mean t_sat is
   * found on ({@code reward_smoothed}, window {@link SaturationSettings#smoothWindow}) and its true
   * accuracy (null where the metrics do not have it).
   */
  public static void writeSteps(String path, List<RlRun> runs, SaturationSettings settings) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RlRun run : runs) {
      Map<Long, Map<String, Object>> bySteps = new TreeMap<>();
      StepSeries smoothed = Saturation.smooth(run.reward(), settings.smoothWindow());
      for (int i = 0; i < run.reward().points().size(); i++) {
        StepSeries.Point p = run.reward().points().get(i);
        Map<String, Object> row = stepRow(bySteps, run.name(), p.step());
        row.put(RlRuns.REWARD, p.value());
        row.put("reward_smoothed", smoothed.points().get(i).value());
      }
      run.trueAccuracy().points().forEach(p -> stepRow(bySteps, run.name(), p.step())
          .put(RlRuns.TRUE_ACCURACY, p.value()));
      rows.addAll(bySteps.values());
    }
    write(path, STEPS_COLUMNS, rows);
  }

  /**
   * One row per run, evaluated step and benchmark: {@code metric} (e.g. {@code avg_at_k}) of the
   * checkpoint at that step (0 = the pre-RL model) and the benchmark's group as the run's latest
   * summary gives it.
   */
  public static void writeEvaluations(String path, List<RlRun> runs, String metric) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RlRun run : runs) {
      run.benchmarks().forEach((benchmark, series) -> series.points().forEach(p -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run", run.name());
        row.put("step", p.step());
        row.put("benchmark", benchmark);
        row.put("group", run.group(benchmark));
        row.put("metric", metric);
        row.put("value", p.value());
        rows.add(row);
      }));
    }
    write(path, EVALUATIONS_COLUMNS, rows);
  }

  private static Map<String, Object> stepRow(Map<Long, Map<String, Object>> bySteps, String run, long step) {
    return bySteps.computeIfAbsent(step, s -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("run", run);
      row.put("step", s);
      return row;
    });
  }

  /** The table as Parquet at {@code path} and as CSV beside it. */
  private static void write(String path, List<Column> columns, List<Map<String, Object>> rows) {
    TableFiles.write(path, columns, rows);
    TableFiles.writeCsv(csvBeside(path), columns, rows);
  }

  private static Map<String, Object> probeKey(ProbeResult r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("run", r.run());
    row.put("checkpoint", r.checkpoint());
    row.put("step", r.step());
    return row;
  }

  private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
    Map<String, Object> row = new LinkedHashMap<>(base);
    row.putAll(more);
    return row;
  }

  private static Column text(String name) {
    return new Column(name, Kind.TEXT);
  }

  private static Column number(String name) {
    return new Column(name, Kind.NUMBER);
  }

  private static Column integer(String name) {
    return new Column(name, Kind.INTEGER);
  }
}

package dev.weakrl.pipelines.recipe;

import dev.weakrl.common.Storage;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.BenchmarkSummary;
import dev.weakrl.study.eval.CheckpointKey;
import dev.weakrl.study.eval.EvalParquet;
import dev.weakrl.study.stages.Embedded;
import dev.weakrl.study.stages.StageManifest;
import dev.weakrl.transforms.recipe.RlCheckpoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What a recipe run reports: where each artifact is, and the accuracy of the model after each
 * stage and at each RLVR step checkpoint on the three benchmark groups ({@link Benchmark#HELD_OUT},
 * {@link Benchmark#HARDER}, {@link Benchmark#OTHER_DOMAINS}), each with its standard error, the
 * fraction of responses cut off by the token budget and the problems left out as seen in training,
 * read from the evaluation summaries. Each row is "after" its stage and "before" the next.
 */
public record RecipeReport(String prepared, List<String> stages, String evalDir, String analysisReport,
    Map<String, List<String>> groups, List<Row> rows) {

  /**
   * One group's figures at one checkpoint: means over its benchmarks, the standard error of the
   * mean (√Σse² / n), the truncated fraction and the overlap with training summed.
   */
  public record Figure(double avg, double avgSe, double greedy, double greedySe, double truncated, int overlap,
      int problems) {
    static Figure of(List<BenchmarkSummary> summaries) {
      int n = summaries.size();
      if (n == 0) {
        return new Figure(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
      }
      return new Figure(mean(summaries, BenchmarkSummary::avgAtK), rootSumSquares(summaries, BenchmarkSummary::avgAtKSe) / n,
          mean(summaries, BenchmarkSummary::greedyAccuracy), rootSumSquares(summaries, BenchmarkSummary::greedySe) / n,
          mean(summaries, BenchmarkSummary::truncated), summaries.stream().mapToInt(BenchmarkSummary::overlapWithTraining).sum(),
          summaries.stream().mapToInt(BenchmarkSummary::problems).sum());
    }
  }

  /** One evaluated checkpoint: a {@link Figure} per group. */
  public record Row(String label, String checkpoint, Map<String, Figure> figures) {
    public Figure heldOut() {
      return figures.get(Benchmark.HELD_OUT);
    }
  }

  /** Reads the report of a finished run. */
  public static RecipeReport read(String out, RecipePipeline.Plan plan, String analysisReport) {
    String base = plan.base().spec(List.of()).dir(out);
    String cpt = plan.cpt().spec(List.of(key(base))).dir(out);
    String sft = plan.sft().spec(List.of(key(cpt))).dir(out);
    String rlvr = plan.rlvr().spec(List.of(key(sft))).dir(out);
    String evalDir = EvalParquet.evalDir(out);
    List<Row> rows = new ArrayList<>();
    rows.add(row("base", Storage.resolve(base, Embedded.MODEL), evalDir));
    rows.add(row("cpt", Storage.resolve(cpt, Embedded.MODEL), evalDir));
    rows.add(row("sft", Storage.resolve(sft, Embedded.MODEL), evalDir));
    for (String checkpoint : RlCheckpoints.of(rlvr)) {
      String name = checkpoint.replaceAll("/+$", "");
      rows.add(row("rlvr " + name.substring(name.lastIndexOf('/') + 1), checkpoint, evalDir));
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    Benchmark.GROUPS.forEach(g -> groups.put(g, new ArrayList<>()));
    for (BenchmarkSummary s : summaries(Storage.resolve(sft, Embedded.MODEL), evalDir)) {
      groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s.benchmark() + " (" + s.problems() + ")");
    }
    groups.values().removeIf(List::isEmpty);
    return new RecipeReport(plan.prepared(), List.of(base, cpt, sft, rlvr), evalDir, analysisReport, groups, rows);
  }

  private static String key(String stageDir) {
    return StageManifest.read(stageDir).path("key").asText();
  }

  private static List<BenchmarkSummary> summaries(String checkpoint, String evalDir) {
    String dir = Storage.resolve(evalDir, CheckpointKey.of(checkpoint));
    List<BenchmarkSummary> summaries = EvalParquet.readSummaries(dir);
    if (summaries.isEmpty()) {
      throw new IllegalStateException("no evaluation of " + checkpoint + " in " + dir);
    }
    return summaries;
  }

  /** The row of one checkpoint, from its summaries in {@code evalDir}. */
  public static Row row(String label, String checkpoint, String evalDir) {
    Map<String, List<BenchmarkSummary>> byGroup = summaries(checkpoint, evalDir).stream()
        .collect(Collectors.groupingBy(BenchmarkSummary::group));
    Map<String, Figure> figures = new LinkedHashMap<>();
    for (String group : Benchmark.GROUPS) {
      figures.put(group, Figure.of(byGroup.getOrDefault(group, List.of())));
    }
    return new Row(label, CheckpointKey.of(checkpoint), figures);
  }

  private static double mean(List<BenchmarkSummary> summaries, ToDoubleFunction<BenchmarkSummary> value) {
    return summaries.stream().mapToDouble(value).average().orElse(Double.NaN);
  }

  private static double rootSumSquares(List<BenchmarkSummary> summaries, ToDoubleFunction<BenchmarkSummary> value) {
    return Math.sqrt(summaries.stream().mapToDouble(value).map(v -> v * v).sum());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("prepared problems  ").append(prepared).append('\n');
    stages.forEach(s -> sb.append("stage              ").append(s).append('\n'));
    sb.append("evaluations        ").append(evalDir).append("/<checkpoint>/summary-*.parquet, samples-*.parquet\n");
    sb.append("analysis           ").append(analysisReport).append("\n\n");
    groups.forEach((group, names) -> sb.append(String.format("%-14s %s%n", group + ":", String.join(", ", names))));
    sb.append("avg = avg@k, greedy = greedy accuracy, each ± its standard error over problems; trunc = fraction of "
        + "responses cut off by the token budget; seen = problems left out as in the checkpoint's training sets\n");
    sb.append(String.format("%-18s %-28s | %-13s %-13s %5s %4s | %-13s %5s | %-13s %5s%n", "after", "checkpoint",
        "held-out avg", "greedy", "trunc", "seen", "harder avg", "trunc", "other avg", "trunc"));
    for (Row r : rows) {
      Figure h = r.figures().get(Benchmark.HELD_OUT);
      Figure x = r.figures().get(Benchmark.HARDER);
      Figure o = r.figures().get(Benchmark.OTHER_DOMAINS);
      sb.append(String.format("%-18s %-28s | %-13s %-13s %5.2f %4d | %-13s %5.2f | %-13s %5.2f%n", r.label(),
          r.checkpoint(), pm(h.avg(), h.avgSe()), pm(h.greedy(), h.greedySe()), h.truncated(),
          h.overlap() + x.overlap() + o.overlap(), pm(x.avg(), x.avgSe()), x.truncated(), pm(o.avg(), o.avgSe()),
          o.truncated()));
    }
    return sb.toString();
  }

  /** {@code value±se}, or "-" for a group with no benchmark. */
  public static String pm(double value, double se) {
    return Double.isNaN(value) ? "-" : String.format("%.3f±%.3f", value, se);
  }
}

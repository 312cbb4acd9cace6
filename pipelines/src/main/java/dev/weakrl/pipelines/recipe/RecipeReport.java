package dev.weakrl.pipelines.recipe;

import dev.weakrl.common.Storage;
import dev.weakrl.transforms.eval.BenchmarkSummary;
import dev.weakrl.transforms.eval.CheckpointKey;
import dev.weakrl.transforms.eval.EvalParquet;
import dev.weakrl.transforms.eval.WriteEvaluation;
import dev.weakrl.transforms.recipe.RlCheckpoints;
import dev.weakrl.transforms.stages.Embedded;
import dev.weakrl.transforms.stages.StageManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What a recipe run reports: where each artifact is, and the accuracy of the model after each
 * stage and at each RLVR step checkpoint, in-domain (the first benchmark) and out-of-domain (the
 * mean over the others), read from the evaluation summaries. Each row is "after" its stage and
 * "before" the next.
 */
public record RecipeReport(String prepared, List<String> stages, String evalDir, String analysisReport,
    List<String> benchmarks, List<Row> rows) {
  /** One evaluated checkpoint: avg@k and greedy accuracy, in-domain and out-of-domain. */
  public record Row(String label, String checkpoint, double inDomainAvg, double inDomainGreedy, double outOfDomainAvg,
      double outOfDomainGreedy) {}

  /** Reads the report of a finished run; {@code benchmarks} are the benchmark names, in-domain first. */
  public static RecipeReport read(String out, RecipePipeline.Plan plan, List<String> benchmarks,
      String analysisReport) {
    String base = plan.base().spec(List.of()).dir(out);
    String cpt = plan.cpt().spec(List.of(key(base))).dir(out);
    String sft = plan.sft().spec(List.of(key(cpt))).dir(out);
    String rlvr = plan.rlvr().spec(List.of(key(sft))).dir(out);
    String evalDir = WriteEvaluation.evalDir(out);
    List<Row> rows = new ArrayList<>();
    rows.add(row("base", Storage.resolve(base, Embedded.MODEL), evalDir, benchmarks));
    rows.add(row("cpt", Storage.resolve(cpt, Embedded.MODEL), evalDir, benchmarks));
    rows.add(row("sft", Storage.resolve(sft, Embedded.MODEL), evalDir, benchmarks));
    for (String checkpoint : RlCheckpoints.of(rlvr)) {
      String name = checkpoint.replaceAll("/+$", "");
      rows.add(row("rlvr " + name.substring(name.lastIndexOf('/') + 1), checkpoint, evalDir, benchmarks));
    }
    return new RecipeReport(plan.prepared(), List.of(base, cpt, sft, rlvr), evalDir, analysisReport, benchmarks, rows);
  }

  private static String key(String stageDir) {
    return StageManifest.read(stageDir).path("key").asText();
  }

  /** The row of one checkpoint, from its summaries in {@code evalDir}. */
  public static Row row(String label, String checkpoint, String evalDir, List<String> benchmarks) {
    String key = CheckpointKey.of(checkpoint);
    Map<String, BenchmarkSummary> byName = EvalParquet.readSummaries(Storage.resolve(evalDir, key)).stream()
        .collect(Collectors.toMap(BenchmarkSummary::benchmark, s -> s));
    if (!byName.keySet().containsAll(benchmarks)) {
      throw new IllegalStateException("evaluation of " + checkpoint + " in " + Storage.resolve(evalDir, key)
          + " has benchmarks " + byName.keySet() + ", expected " + benchmarks);
    }
    BenchmarkSummary in = byName.get(benchmarks.get(0));
    List<BenchmarkSummary> out = benchmarks.subList(1, benchmarks.size()).stream().map(byName::get).toList();
    return new Row(label, key, in.avgAtK(), in.greedyAccuracy(), mean(out, BenchmarkSummary::avgAtK),
        mean(out, BenchmarkSummary::greedyAccuracy));
  }

  private static double mean(List<BenchmarkSummary> summaries, ToDoubleFunction<BenchmarkSummary> value) {
    return summaries.stream().mapToDouble(value).average().orElse(Double.NaN);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("prepared problems  ").append(prepared).append('\n');
    stages.forEach(s -> sb.append("stage              ").append(s).append('\n'));
    sb.append("evaluations        ").append(evalDir).append("/<checkpoint>/summary-*.parquet, samples-*.parquet\n");
    sb.append("analysis           ").append(analysisReport).append("\n\n");
    sb.append(String.format("in-domain: %s; out-of-domain: mean over %s%n", benchmarks.get(0),
        benchmarks.subList(1, benchmarks.size())));
    sb.append(String.format("%-18s %-36s %10s %10s %10s %10s%n", "after", "checkpoint", "in avg@k", "in greedy",
        "out avg@k", "out greedy"));
    for (Row r : rows) {
      sb.append(String.format("%-18s %-36s %10.3f %10.3f %10.3f %10.3f%n", r.label(), r.checkpoint(), r.inDomainAvg(),
          r.inDomainGreedy(), r.outOfDomainAvg(), r.outOfDomainGreedy()));
    }
    return sb.toString();
  }
}

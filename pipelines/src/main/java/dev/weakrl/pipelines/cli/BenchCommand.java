package dev.weakrl.pipelines.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.datasets.verify.VerifierBenchmark;
import dev.weakrl.models.bench.ContentionBenchmark;
import dev.weakrl.models.bench.ModelBenchmark;
import dev.weakrl.models.bench.TrainingBenchmark;
import dev.weakrl.pipelines.prepare.PrepareBenchmark;
import dev.weakrl.pipelines.recipe.RecipeBenchmark;
import dev.weakrl.pipelines.study.StudyBenchmark;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code ./weakrl bench}: named figures measured as ratios in one run, printed and written as JSON. */
final class BenchCommand implements Command {
  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "measure speed and memory figures (--suite model) and write them as JSON";
  }

  @Override
  public Args args() {
    return new Args("./weakrl bench [--suite model|training|pipeline|contention|recipe|study|verify|all] [--json FILE]")
        .option("suite", "all", "which figures to measure: model, training, pipeline, contention (two training"
            + " processes at once, about 1 minute, not in all), recipe (about 10 minutes, not in all), study (about 30"
            + " minutes, not in all), verify (the answer verifier, about 15 s, not in all) or all")
        .option("json", null, "also write the figures to this file as one JSON object");
  }

  @Override
  public int run(Args args) throws Exception {
    Map<String, Double> figures = new LinkedHashMap<>();
    String suite = args.get("suite");
    Consumer<String> progress = s -> System.err.println("bench: " + s);
    switch (suite) {
      case "model" -> figures.putAll(ModelBenchmark.run(progress));
      case "training" -> figures.putAll(TrainingBenchmark.run(progress));
      case "pipeline" -> figures.putAll(PrepareBenchmark.run(progress));
      case "contention" -> figures.putAll(ContentionBenchmark.run(progress));
      case "recipe" -> figures.putAll(RecipeBenchmark.run(progress));
      case "study" -> figures.putAll(StudyBenchmark.run(progress));
      case "verify" -> figures.putAll(VerifierBenchmark.run(progress));
      case "all" -> {
        figures.putAll(ModelBenchmark.run(progress));
        figures.putAll(TrainingBenchmark.run(progress, figures.get("matmul_peak_gflops")));
        figures.putAll(PrepareBenchmark.run(progress));
      }
      default -> throw new Args.UsageException("unknown suite '" + suite
          + "' (expected model, training, pipeline, contention, recipe, study, verify or all)");
    }
    ObjectNode json = Json.object();
    figures.forEach(json::put);
    String text = Json.write(json);
    System.out.println(text);
    if (args.has("json")) {
      Json.writeFile(args.get("json"), json);
    }
    return 0;
  }
}

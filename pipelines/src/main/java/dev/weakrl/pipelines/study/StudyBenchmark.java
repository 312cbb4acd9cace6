package dev.weakrl.pipelines.study;

import dev.weakrl.pipelines.grid.GridOptions;
import dev.weakrl.pipelines.recipe.RecipeBenchmark;
import java.util.Map;
import java.util.function.Consumer;

/** {@code study_seconds}: wall time of {@code ./weakrl study} with its defaults (the embedded study). */
public final class StudyBenchmark {
  private StudyBenchmark() {}

  public static Map<String, Double> run(Consumer<String> log) throws Exception {
    return RecipeBenchmark.wallTime("study_seconds", GridOptions.class, StudyPipeline::run, out -> Map.of(), log);
  }
}

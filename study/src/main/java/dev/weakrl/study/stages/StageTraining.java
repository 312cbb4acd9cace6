package dev.weakrl.study.stages;

import dev.weakrl.common.Storage;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.train.Objective;
import dev.weakrl.models.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/** Runs a training stage's loop in its directory: step checkpoints, metrics.parquet, model/. */
final class StageTraining {
  static final String STEPS = "steps";

  private StageTraining() {}

  static List<Map<String, Double>> train(String dir, Llama model, Tokenizer tokenizer, Trainer.Settings settings,
      Objective objective, Trainer.StepMonitor monitor, String stage, Consumer<String> log) {
    String stepsDir = settings.checkpointEvery() > 0 ? Storage.resolve(dir, STEPS) : null;
    List<Map<String, Double>> rows = new Trainer(model, tokenizer, settings, stepsDir,
        s -> log.accept(stage + ": " + s)).run(objective, monitor);
    MetricsFile.write(Storage.resolve(dir, MetricsFile.NAME), rows);
    Embedded.save(dir, model, tokenizer, stage);
    return rows;
  }

  /** Mean of a column over the first ({@code last = false}) or last 10% of rows, at least one row. */
  static double tenPercentMean(List<Map<String, Double>> rows, String column, boolean last) {
    int n = Math.max(1, rows.size() / 10);
    List<Map<String, Double>> part = last ? rows.subList(rows.size() - n, rows.size()) : rows.subList(0, n);
    ToDoubleFunction<Map<String, Double>> value = r -> r.getOrDefault(column, Double.NaN);
    return part.stream().mapToDouble(value).average().orElse(Double.NaN);
  }
}

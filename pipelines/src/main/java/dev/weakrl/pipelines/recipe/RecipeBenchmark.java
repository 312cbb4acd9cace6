package dev.weakrl.pipelines.recipe;

import dev.weakrl.common.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code recipe_seconds}: wall time of the main command, {@code ./weakrl recipe} with its defaults
 * (one DirectRunner thread, as the command sets), from an empty run directory.
 */
public final class RecipeBenchmark {
  private RecipeBenchmark() {}

  public static Map<String, Double> run(Consumer<String> log) throws Exception {
    Path out = Files.createTempDirectory("weakrl-recipe-bench");
    try {
      RecipeOptions options = PipelineOptionsFactory.fromArgs("--out=" + out, "--targetParallelism=1")
          .as(RecipeOptions.class);
      long start = System.nanoTime();
      RecipeReport report = RecipePipeline.run(options);
      double seconds = (System.nanoTime() - start) / 1e9;
      log.accept("recipe: " + Math.round(seconds) + " s\n" + report);
      return Map.of("recipe_seconds", seconds);
    } finally {
      Storage.deleteRecursively(out.toString());
    }
  }
}

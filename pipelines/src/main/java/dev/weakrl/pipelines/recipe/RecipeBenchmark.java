package dev.weakrl.pipelines.recipe;

import dev.weakrl.common.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code recipe_seconds}: wall time of the main command, {@code ./weakrl recipe} with its defaults
 * (one DirectRunner thread, as the command sets), from an empty run directory.
 */
public final class RecipeBenchmark {
  private RecipeBenchmark() {}

  /** A pipeline command's entry point: options in, its report out. */
  public interface Command<T extends PipelineOptions> {
    Object run(T options) throws Exception;
  }

  public static Map<String, Double> run(Consumer<String> log) throws Exception {
    return wallTime("recipe_seconds", RecipeOptions.class, RecipePipeline::run, log);
  }

  /**
   * Figure {@code figure}: the wall time of {@code command} with its defaults and one DirectRunner
   * thread (as the command line sets), from an empty run directory that is deleted afterwards.
   */
  public static <T extends PipelineOptions> Map<String, Double> wallTime(String figure, Class<T> options,
      Command<T> command, Consumer<String> log) throws Exception {
    Path out = Files.createTempDirectory("weakrl-" + figure);
    try {
      T o = PipelineOptionsFactory.fromArgs("--out=" + out, "--targetParallelism=1").as(options);
      long start = System.nanoTime();
      Object report = command.run(o);
      double seconds = (System.nanoTime() - start) / 1e9;
      log.accept(figure + ": " + Math.round(seconds) + " s\n" + report);
      return Map.of(figure, seconds);
    } finally {
      Storage.deleteRecursively(out.toString());
    }
  }
}

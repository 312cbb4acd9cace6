package dev.weakrl.pipelines.recipe;

import dev.weakrl.common.Storage;
import dev.weakrl.study.stages.MetricsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code recipe_seconds}: wall time of the main command, {@code ./weakrl recipe} with its defaults
 * (one DirectRunner thread, as the command sets), from an empty run directory; and {@code
 * recipe_rl_sampling_fraction}: the share of its RLVR stage's step time spent sampling, at the
 * study's settings (its SFT model, its prompts, responses that stop), over the second half of the
 * steps.
 */
public final class RecipeBenchmark {
  private RecipeBenchmark() {}

  /** A pipeline command's entry point: options in, its report out. */
  public interface Command<T extends PipelineOptions> {
    Object run(T options) throws Exception;
  }

  public static Map<String, Double> run(Consumer<String> log) throws Exception {
    return wallTime("recipe_seconds", RecipeOptions.class, RecipePipeline::run, RecipeBenchmark::rlSamplingFraction,
        log);
  }

  /** {@code recipe_rl_sampling_fraction} of the one RLVR stage in run directory {@code out}. */
  static Map<String, Double> rlSamplingFraction(Path out) throws IOException {
    List<Path> rlvr;
    try (Stream<Path> stages = Files.list(out.resolve("stages"))) {
      rlvr = stages.filter(p -> p.getFileName().toString().startsWith("rlvr-")).toList();
    }
    if (rlvr.size() != 1) {
      throw new IllegalStateException("expected one RLVR stage in " + out + "/stages, found " + rlvr);
    }
    List<Map<String, Double>> steps = MetricsFile.read(rlvr.get(0).resolve(MetricsFile.NAME).toString());
    List<Map<String, Double>> tail = steps.subList(steps.size() / 2, steps.size()); // past the JIT's warm-up
    double sampling = tail.stream().mapToDouble(r -> r.get("sampling_seconds")).sum();
    double step = tail.stream().mapToDouble(r -> r.get("step_seconds")).sum();
    return Map.of("recipe_rl_sampling_fraction", sampling / step);
  }

  /** Figures read from a finished run directory. */
  public interface RunFigures {
    Map<String, Double> of(Path out) throws IOException;
  }

  /**
   * Figure {@code figure}: the wall time of {@code command} with its defaults and one DirectRunner
   * thread (as the command line sets), from an empty run directory that is deleted afterwards;
   * and the figures {@code more} reads from that directory before.
   */
  public static <T extends PipelineOptions> Map<String, Double> wallTime(String figure, Class<T> options,
      Command<T> command, RunFigures more, Consumer<String> log) throws Exception {
    Path out = Files.createTempDirectory("weakrl-" + figure);
    try {
      T o = PipelineOptionsFactory.fromArgs("--out=" + out, "--targetParallelism=1").as(options);
      long start = System.nanoTime();
      Object report = command.run(o);
      double seconds = (System.nanoTime() - start) / 1e9;
      log.accept(figure + ": " + Math.round(seconds) + " s\n" + report);
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put(figure, seconds);
      figures.putAll(more.of(out));
      return figures;
    } finally {
      Storage.deleteRecursively(out.toString());
    }
  }
}

package dev.weakrl.pipelines.study;

import dev.weakrl.common.Storage;
import dev.weakrl.pipelines.grid.GridOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code study_seconds}: wall time of {@code ./weakrl study} with its defaults (the embedded study,
 * one DirectRunner thread, as the command sets), from an empty run directory.
 */
public final class StudyBenchmark {
  private StudyBenchmark() {}

  public static Map<String, Double> run(Consumer<String> log) throws Exception {
    Path out = Files.createTempDirectory("weakrl-study-bench");
    try {
      GridOptions options = PipelineOptionsFactory.fromArgs("--out=" + out, "--targetParallelism=1")
          .as(GridOptions.class);
      long start = System.nanoTime();
      String report = StudyPipeline.run(options);
      double seconds = (System.nanoTime() - start) / 1e9;
      log.accept("study: " + Math.round(seconds) + " s\n" + report);
      return Map.of("study_seconds", seconds);
    } finally {
      Storage.deleteRecursively(out.toString());
    }
  }
}

package dev.weakrl.pipelines.eval;

import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.BenchmarkSummary;
import dev.weakrl.study.eval.CheckpointKey;
import dev.weakrl.study.eval.EvalManifest;
import dev.weakrl.study.eval.EvalParquet;
import dev.weakrl.study.eval.EvalSettings;
import dev.weakrl.transforms.eval.EvaluateCheckpoints;
import dev.weakrl.transforms.eval.SkipEvaluated;
import dev.weakrl.transforms.eval.WriteBenchmarks;
import dev.weakrl.transforms.eval.WriteEvaluation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;

/**
 * {@code ./weakrl eval}: every checkpoint on every benchmark, k samples and one greedy response
 * per problem, written to {@code <out>/eval/<checkpoint key>/} (samples and summary Parquet).
 */
public final class EvalPipeline {
  private EvalPipeline() {}

  /**
   * Each checkpoint's output directory and its summaries, one line per benchmark: every accuracy
   * with its standard error, beside the truncated fraction, the problems left out as seen in
   * training and those skipped because the model cannot take them (a line says why).
   */
  public static String report(List<String> evalDirs) {
    StringBuilder sb = new StringBuilder();
    for (String dir : evalDirs) {
      sb.append(dir).append('\n');
      sb.append(String.format("  %-16s %-14s %8s %14s %14s %6s %5s %7s %6s%n", "benchmark", "group", "problems",
          "avg@k", "greedy", "trunc", "seen", "skipped", "tokens"));
      List<BenchmarkSummary> summaries = EvalParquet.readSummaries(dir);
      for (BenchmarkSummary s : summaries) {
        sb.append(String.format("  %-16s %-14s %8d %7.3f±%.3f %7.3f±%.3f %6.2f %5d %7d %6d%n", s.benchmark(),
            s.group(), s.problems(), s.avgAtK(), s.avgAtKSe(), s.greedyAccuracy(), s.greedySe(), s.truncated(),
            s.overlapWithTraining(), s.skipped(), s.maxTokens()));
      }
      for (BenchmarkSummary s : summaries) {
        if (s.skipped() > 0) {
          sb.append(String.format("  %s: %d problem(s) skipped, not scored: %d too long for the model's context"
              + " (skipped_too_long), %d unencodable by its tokenizer (skipped_unencodable)%n", s.benchmark(),
              s.skipped(), s.skippedTooLong(), s.skippedUnencodable()));
        }
      }
    }
    return sb.toString();
  }

  /** Runs the evaluation; returns each checkpoint's output directory. */
  public static List<String> run(EvalOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options);
    pipeline.run().waitUntilFinish();
    return checkpoints(options).stream()
        .map(c -> EvalManifest.dir(options.getOut(), CheckpointKey.of(c)))
        .toList();
  }

  public static void buildPipeline(Pipeline pipeline, EvalOptions o) {
    EvalSettings settings = OptionRecords.with(EvalSettings.defaults(),
        o.getEvalOptions() == null ? Map.of() : o.getEvalOptions());
    List<Benchmark> benchmarks = Benchmark.parseAll(o.getBenchmarks(), o.getBenchmarkSeed());
    pipeline.apply("WriteBenchmarks", new WriteBenchmarks(benchmarks, o.getOut()));
    String identity = EvalManifest.identity(settings, benchmarks);
    pipeline.apply("Checkpoints", Create.of(checkpoints(o)))
        .apply("SkipEvaluated", new SkipEvaluated(o.getOut(), identity))
        .apply("EvaluateCheckpoints", EvaluateCheckpoints.on(benchmarks, settings).withAccelerator(o.getSamplingAccelerator()))
        .apply("WriteEvaluation", new WriteEvaluation(o.getOut(), identity));
  }

  /**
   * The --checkpoint directories, each checked before anything runs: a complete weakrl checkpoint
   * or a loadable Hugging Face directory ({@link Checkpoint#check}).
   */
  static List<String> checkpoints(EvalOptions o) {
    List<String> dirs = Arrays.stream(o.getCheckpoint().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String dir : dirs) {
      try {
        Checkpoint.check(dir);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("--checkpoint " + dir + " cannot be loaded: " + e.getMessage(), e);
      }
    }
    if (dirs.isEmpty()) {
      throw new IllegalArgumentException("--checkpoint: no directory given");
    }
    return dirs;
  }
}

package dev.weakrl.pipelines.prepare;

import dev.weakrl.datasets.Problem;
import dev.weakrl.transforms.prepare.GenerateProblems;
import dev.weakrl.transforms.prepare.Levels;
import dev.weakrl.transforms.prepare.PrepareProblems;
import dev.weakrl.transforms.prepare.ReadProblemFiles;
import dev.weakrl.transforms.prepare.WeakVariant;
import dev.weakrl.transforms.prepare.WriteProblemSets;
import dev.weakrl.transforms.stages.StageManifest;
import dev.weakrl.transforms.stages.StageSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code ./weakrl prepare}: problems (generated, or read from {@code --input}) into the training
 * sets of every weak-supervision variant, written as {@code <variant>.parquet} in the stage
 * directory {@code <out>/stages/prepare-<key>/}. A complete stage is not run again.
 */
public final class PreparePipeline {
  public static final String STAGE = "prepare";

  private PreparePipeline() {}

  public static void main(String[] args) {
    PipelineOptionsFactory.register(PrepareOptions.class);
    run(PipelineOptionsFactory.fromArgs(args).withValidation().as(PrepareOptions.class));
  }

  /** Runs the stage unless complete; returns its directory. */
  public static String run(PrepareOptions options) {
    // Checked before the stage starts, so that a bad option leaves no stage directory behind.
    List<WeakVariant> variants = WeakVariant.parseAll(options.getVariants());
    if (options.getInput().isBlank()) {
      levels(options);
    }
    return StageManifest.runOnce(options.getOut(), spec(options), List.of(), dir -> {
      Pipeline pipeline = Pipeline.create(options);
      buildPipeline(pipeline, options, dir);
      PipelineResult result = pipeline.run();
      result.waitUntilFinish();
      return rowCounts(result, variants);
    }, System.err::println);
  }

  /** The stage's identity: every option that changes its output. */
  static StageSpec spec(PrepareOptions o) {
    Map<String, String> options = new TreeMap<>();
    if (o.getInput().isBlank()) {
      options.put("domain", o.getDomain());
      options.put("levels", o.getLevels());
      options.put("count", String.valueOf(o.getCount()));
    } else {
      options.put("input", o.getInput());
    }
    options.put("seed", String.valueOf(o.getSeed()));
    options.put("variants", o.getVariants());
    options.put("scarceBatch", String.valueOf(o.getScarceBatch()));
    return new StageSpec(STAGE, options, List.of());
  }

  /** Problems → training sets → Parquet files in {@code dir}; returns (variant, rows written). */
  public static PCollection<KV<String, Long>> buildPipeline(Pipeline pipeline, PrepareOptions o, String dir) {
    PCollection<Problem> problems = o.getInput().isBlank()
        ? pipeline.apply("GenerateProblems", new GenerateProblems(o.getDomain(), levels(o), o.getCount(), o.getSeed()))
        : pipeline.apply("ReadProblems", new ReadProblemFiles(Arrays.asList(o.getInput().split(","))));
    return problems
        .apply("PrepareProblems", new PrepareProblems(WeakVariant.parseAll(o.getVariants()), o.getScarceBatch(), o.getSeed()))
        .apply("WriteProblemSets", new WriteProblemSets(dir));
  }

  static Levels levels(PrepareOptions o) {
    try {
      return Levels.parse(o.getLevels());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--levels: " + e.getMessage(), e);
    }
  }

  /** The manifest's figures: rows written per variant, from the writer's counters. */
  private static Map<String, Double> rowCounts(PipelineResult result, List<WeakVariant> variants) {
    Map<String, Double> figures = new LinkedHashMap<>();
    for (WeakVariant v : variants) {
      figures.put("rows_" + v.name(), 0.0);
    }
    for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      if (counter.getName().getNamespace().equals(WriteProblemSets.class.getName())) {
        figures.put(counter.getName().getName(), counter.getAttempted().doubleValue());
      }
    }
    return figures;
  }
}

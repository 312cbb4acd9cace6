package dev.weakrl.pipelines.prepare;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Levels;
import dev.weakrl.datasets.weak.WeakVariant;
import dev.weakrl.study.stages.StageManifest;
import dev.weakrl.study.stages.StageSpec;
import dev.weakrl.transforms.prepare.GenerateProblems;
import dev.weakrl.transforms.prepare.PrepareProblems;
import dev.weakrl.transforms.prepare.ReadProblemFiles;
import dev.weakrl.transforms.prepare.WriteProblemSets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
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

  /** Runs the stage unless complete; returns its directory. */
  public static String run(PrepareOptions options) {
    // Checked before the stage starts, so that a bad option leaves no stage directory behind.
    WeakVariant.parseAll(options.getVariants());
    if (options.getInput().isBlank()) {
      levels(options);
    }
    Pipeline pipeline = Pipeline.create(options);
    applyStage(pipeline, options);
    pipeline.run().waitUntilFinish();
    return spec(options).dir(options.getOut());
  }

  /**
   * The prepare stage inside a larger pipeline (the recipe): outputs its directory once its files
   * are written and its manifest is complete, or at once when an earlier run completed it.
   */
  public static PCollection<String> applyStage(Pipeline pipeline, PrepareOptions options) {
    List<String> variants = WeakVariant.parseAll(options.getVariants()).stream().map(WeakVariant::name).toList();
    String dir = spec(options).dir(options.getOut());
    if (StageManifest.isComplete(dir)) {
      return pipeline.apply("PreparedProblems", Create.of(dir));
    }
    StageManifest.start(dir, spec(options), List.of());
    return buildPipeline(pipeline, options, dir)
        .apply("AllVariants", WithKeys.of(dir))
        .apply("GroupVariants", GroupByKey.create())
        .apply("CompletePrepare", ParDo.of(new CompleteStage(variants)));
  }

  /** Marks the prepare stage complete with its rows per variant; outputs its directory. */
  static final class CompleteStage extends DoFn<KV<String, Iterable<KV<String, Long>>>, String> {
    private final List<String> variants;

    CompleteStage(List<String> variants) {
      this.variants = variants;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, Long>>> written, OutputReceiver<String> out) {
      Map<String, Double> figures = new LinkedHashMap<>();
      variants.forEach(v -> figures.put("rows_" + v, 0.0));
      written.getValue().forEach(rows -> figures.put("rows_" + rows.getKey(), rows.getValue().doubleValue()));
      StageManifest.complete(written.getKey(), figures);
      out.output(written.getKey());
    }
  }

  /** The stage's identity: every option that changes its output. */
  public static StageSpec spec(PrepareOptions o) {
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
        : pipeline.apply("ReadProblems", new ReadProblemFiles(Arrays.asList(o.getInput().split(",")), Storage.resolve(dir, "rejects")));
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
}

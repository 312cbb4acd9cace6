package dev.weakrl.pipelines.prepare;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Levels;
import dev.weakrl.datasets.weak.WeakVariant;
import dev.weakrl.study.stages.StageLock;
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
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * {@code ./weakrl prepare}: problems (generated, or read from {@code --input}) into the training
 * sets of every weak-supervision variant, written as {@code <variant>.parquet} in the stage
 * directory {@code <out>/stages/prepare-<key>/}. A complete stage is not run again.
 */
public final class PreparePipeline {
  public static final String STAGE = "prepare";
  /** The marker row beside the written sets (no variant has an empty name). */
  private static final String NO_VARIANT = "";

  private PreparePipeline() {}

  /**
   * Runs the stage unless complete; returns its directory. Any failure (a bad file, a full disk,
   * no problems left) marks the stage {@code failed} with the error, never leaves it {@code running}.
   */
  public static String run(PrepareOptions options) {
    // Checked before the stage starts, so that a bad option leaves no stage directory behind.
    WeakVariant.parseAll(options.getVariants());
    if (options.getInput().isBlank()) {
      levels(options);
    }
    String dir = spec(options).dir(options.getOut());
    Pipeline pipeline = Pipeline.create(options);
    applyStage(pipeline, options);
    finish(pipeline, options);
    return dir;
  }

  /**
   * Runs a pipeline that holds the prepare stage ({@link #applyStage}) to its end; on failure
   * the stage's manifest says {@code failed} with the error, and the error is rethrown.
   */
  public static void finish(Pipeline pipeline, PrepareOptions options) {
    String dir = spec(options).dir(options.getOut());
    // A complete stage is only read: runs sharing it need not wait for each other.
    try (StageLock lock = StageManifest.isComplete(dir) ? null : StageLock.acquire(dir)) {
      PipelineResult.State state = pipeline.run().waitUntilFinish();
      if (state != null && state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended " + state);
      }
    } catch (RuntimeException e) {
      StageManifest.failIfRunning(dir, e);
      throw e;
    }
  }

  /**
   * The prepare stage inside a larger pipeline (the recipe): outputs its directory once its files
   * are written and its manifest is complete, or at once when an earlier run completed it. Run
   * the pipeline with {@link #finish}, so that a failure marks the stage failed.
   */
  public static PCollection<String> applyStage(Pipeline pipeline, PrepareOptions options) {
    List<String> variants = WeakVariant.parseAll(options.getVariants()).stream().map(WeakVariant::name).toList();
    String dir = spec(options).dir(options.getOut());
    try (StageLock lock = StageLock.acquire(dir)) {
      // Held while starting here; finish() holds it again while the pipeline runs.
      if (StageManifest.isComplete(dir)) {
        return pipeline.apply("PreparedProblems", Create.of(dir));
      }
      StageManifest.start(dir, spec(options), List.of());
    }
    // One more element beside the written sets: with every row rejected there are none, and the
    // stage must still end (failed), so its group always exists.
    PCollection<KV<String, Long>> none = pipeline.apply("NoRowsYet", Create.of(KV.of(NO_VARIANT, 0L)));
    return PCollectionList.of(buildPipeline(pipeline, options, dir)).and(none)
        .apply("WrittenAndMarker", Flatten.pCollections())
        .apply("AllVariants", WithKeys.of(dir))
        .apply("GroupVariants", GroupByKey.create())
        .apply("CompletePrepare", ParDo.of(new CompleteStage(variants, rejectsFiles(options, dir))));
  }

  /** Where the rejects of each --input go. */
  static List<String> rejectsFiles(PrepareOptions o, String dir) {
    return o.getInput().isBlank() ? List.of() : Arrays.stream(o.getInput().split(","))
        .map(in -> ReadProblemFiles.rejectsFile(Storage.resolve(dir, "rejects"), in)).toList();
  }

  /**
   * Marks the prepare stage complete with its rows per variant, or failed when it wrote no rows
   * (naming the rejects files, where every row went); outputs its directory.
   */
  static final class CompleteStage extends DoFn<KV<String, Iterable<KV<String, Long>>>, String> {
    private final List<String> variants;
    private final List<String> rejectsFiles;

    CompleteStage(List<String> variants, List<String> rejectsFiles) {
      this.variants = variants;
      this.rejectsFiles = rejectsFiles;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, Long>>> written, OutputReceiver<String> out) {
      String dir = written.getKey();
      Map<String, Double> figures = new LinkedHashMap<>();
      variants.forEach(v -> figures.put("rows_" + v, 0.0));
      written.getValue().forEach(rows -> {
        if (!rows.getKey().equals(NO_VARIANT)) {
          figures.put("rows_" + rows.getKey(), rows.getValue().doubleValue());
        }
      });
      if (figures.values().stream().mapToDouble(Double::doubleValue).sum() == 0) {
        IllegalStateException none = new IllegalStateException("prepare wrote no problems: every row was rejected"
            + (rejectsFiles.isEmpty() ? "" : ", see " + String.join(", ", rejectsFiles)));
        StageManifest.failIfRunning(dir, none);
        throw none;
      }
      StageManifest.complete(dir, figures);
      out.output(dir);
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

package dev.weakrl.pipelines.grid;

import dev.weakrl.common.Storage;
import dev.weakrl.pipelines.analysis.AnalyzePipeline;
import dev.weakrl.pipelines.prepare.PreparePipeline;
import dev.weakrl.pipelines.recipe.RecipePipeline;
import dev.weakrl.pipelines.recipe.RecipeOptions;
import dev.weakrl.pipelines.recipe.RecipeReport;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.EvalParquet;
import dev.weakrl.study.stages.BaseStage;
import dev.weakrl.study.stages.Embedded;
import dev.weakrl.study.stages.RlvrStage;
import dev.weakrl.study.stages.SftStage;
import dev.weakrl.study.stages.StageOptions;
import dev.weakrl.study.stages.StageSpec;
import dev.weakrl.transforms.recipe.ApplyStage;
import dev.weakrl.transforms.recipe.RlCheckpoints;
import dev.weakrl.transforms.recipe.RunStages;
import dev.weakrl.transforms.recipe.StageRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code ./weakrl grid}: the ablation grid base × pre-RL arm (CPT {off, on} × SFT {none, thinking,
 * nonthinking}, or the spec's arms) × weak setting × seed as one pipeline of the recipe's levels.
 * Each level trains every distinct stage once and hands its directory to every cell below it, and
 * every stage is content-addressed, so a rerun with a setting or seed added trains only the new
 * RLVR cells.
 */
public final class GridPipeline {
  private GridPipeline() {}

  /** Runs the grid of {@code --spec}; returns one report row per RLVR cell. */
  public static String run(GridOptions options) {
    if (options.getSpec().isEmpty()) {
      throw new IllegalArgumentException("--spec is required: a grid spec file (see examples/grid.json)");
    }
    return run(options, GridSpec.read(options.getSpec()));
  }

  /** Runs the grid of {@code spec}; returns one report row per RLVR cell. */
  public static String run(RecipeOptions options, GridSpec spec) {
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options, spec);
    PreparePipeline.finish(pipeline, options); // a failure marks the prepare stage failed
    return report(options, spec) + "\nanalysis: " + AnalyzePipeline.reportPath(options.getOut()) + "\n";
  }

  /**
   * The spec's benchmarks become {@code --benchmarks}, so the evaluation, the report and the analysis
   * read one list; giving other benchmarks on the command line as well is an error.
   */
  static void useBenchmarks(RecipeOptions options, GridSpec spec) {
    if (spec.benchmarks() == null || spec.benchmarks().equals(options.getBenchmarks())) {
      return;
    }
    if (!options.getBenchmarks().equals(Benchmark.DEFAULT_SPEC)) {
      throw new IllegalArgumentException("--benchmarks " + options.getBenchmarks() + ": the spec names its own ("
          + spec.benchmarks() + "); give them in one place");
    }
    options.setBenchmarks(spec.benchmarks());
  }

  /** The grid's DAG; returns the directories of the RLVR cells. */
  public static PCollection<String> buildPipeline(Pipeline pipeline, RecipeOptions o, GridSpec spec) {
    useBenchmarks(o, spec);
    RecipePipeline.Plan recipe = RecipePipeline.Plan.of(o, spec.options());
    RunStages runStages = RunStages.in(o.getOut()).withAccelerator(o.getTrainingAccelerator());
    PCollection<String> prepared = PreparePipeline.applyStage(pipeline, o);
    List<StageRun> baseRuns = bases(recipe, spec).stream().map(b -> new StageRun(b, "")).toList();
    PCollection<String> bases = pipeline
        .apply("Bases", Create.of(baseRuns).withCoder(SerializableCoder.of(StageRun.class)))
        .apply("TrainBases", runStages);
    PCollectionList<String> preRl = PCollectionList.empty(pipeline);
    for (boolean cpt : List.of(false, true)) {
      List<String> variants = spec.arms().stream().filter(a -> a.cpt() == cpt).map(GridSpec.Arm::sft).toList();
      if (variants.isEmpty()) {
        continue;
      }
      PCollection<String> preSft = cpt ? bases.apply("Cpt", ApplyStage.with(List.of(recipe.cpt()), runStages)) : bases;
      List<SftStage.Options> sfts = sfts(recipe, variants);
      if (!sfts.isEmpty()) {
        preRl = preRl.and(preSft.apply(cpt ? "SftAfterCpt" : "Sft", ApplyStage.with(sfts, runStages)));
      }
      if (variants.contains(GridSpec.NO_SFT)) {
        preRl = preRl.and(preSft);
      }
    }
    PCollection<String> preRlModels = preRl.apply("PreRlModels", Flatten.pCollections());
    PCollection<String> rlvr = preRlModels
        .apply("AfterPrepare", Wait.on(prepared))
        .apply("Rlvr", ApplyStage.with(rlvrs(recipe, spec), runStages));
    PCollection<String> evaluated = PCollectionList.of(preRlModels.apply("Models",
            MapElements.into(TypeDescriptors.strings()).via(dir -> Storage.resolve(dir, Embedded.MODEL))))
        .and(rlvr.apply("RlCheckpoints", new RlCheckpoints()))
        .apply("Checkpoints", Flatten.pCollections())
        .apply("EvaluateAll", RecipePipeline.evaluation(o, recipe.eval()));
    RecipePipeline.analyze(rlvr, evaluated, o, recipe.rlvr().steps(), spec.thresholds());
    return rlvr;
  }

  static List<BaseStage.Options> bases(RecipePipeline.Plan recipe, GridSpec spec) {
    return spec.base().stream().map(changes -> StageOptions.with(recipe.base(), changes)).toList();
  }

  /** The SFT stages of {@code variants}, {@link GridSpec#NO_SFT} left out. */
  static List<SftStage.Options> sfts(RecipePipeline.Plan recipe, List<String> variants) {
    return variants.stream().filter(v -> !v.equals(GridSpec.NO_SFT))
        .map(v -> StageOptions.with(recipe.sft(), Map.of("variant", v))).toList();
  }

  /** The RLVR cell of a weak setting and a seed. */
  static RlvrStage.Options rlvr(RecipePipeline.Plan recipe, String weak, long seed) {
    Map<String, Object> changes = new HashMap<>(GridSpec.rlvrChanges(weak));
    changes.put("seed", seed);
    return StageOptions.with(recipe.rlvr(), changes);
  }

  static List<RlvrStage.Options> rlvrs(RecipePipeline.Plan recipe, GridSpec spec) {
    List<RlvrStage.Options> cells = new ArrayList<>();
    for (String weak : spec.weak()) {
      for (long seed : spec.seedsOf(weak)) {
        cells.add(rlvr(recipe, weak, seed));
      }
    }
    return cells;
  }

  /**
   * One line per RLVR cell (its lineage, directory, and held-out avg@k ± s.e. before RLVR and at
   * its last checkpoint, harder and other-domain avg@k at its last checkpoint), from the keys the
   * cells' specs give.
   */
  static String report(RecipeOptions o, GridSpec spec) {
    RecipePipeline.Plan recipe = RecipePipeline.Plan.of(o, spec.options());
    String evalDir = EvalParquet.evalDir(o.getOut());
    StringBuilder sb = new StringBuilder(String.format("%-44s %-24s %13s %13s %13s %13s%n",
        "cell (base/cpt/sft/weak/seed)", "rlvr stage", "pre held-out", "post held-out", "post harder", "post other"));
    for (int b = 0; b < spec.base().size(); b++) {
      StageSpec base = bases(recipe, spec).get(b).spec(List.of());
      for (GridSpec.Arm arm : spec.arms()) {
        StageSpec preSft = arm.cpt() ? recipe.cpt().spec(List.of(base.key())) : base;
        StageSpec preRl = arm.sft().equals(GridSpec.NO_SFT) ? preSft
            : sfts(recipe, List.of(arm.sft())).get(0).spec(List.of(preSft.key()));
        RecipeReport.Row before = RecipeReport.row("pre-rl", Storage.resolve(preRl.dir(o.getOut()), Embedded.MODEL),
            evalDir);
        for (String weak : spec.weak()) {
          for (long seed : spec.seedsOf(weak)) {
            String dir = rlvr(recipe, weak, seed).spec(List.of(preRl.key())).dir(o.getOut());
            List<String> checkpoints = RlCheckpoints.of(dir);
            RecipeReport.Row after = RecipeReport.row("rlvr", checkpoints.get(checkpoints.size() - 1), evalDir);
            sb.append(String.format("%-44s %-24s %13s %13s %13s %13s%n",
                "base" + b + "/" + (arm.cpt() ? "cpt" : "-") + "/" + arm.sft() + "/" + weak + "/" + seed,
                dir.substring(dir.lastIndexOf("rlvr-")), pm(before.heldOut()), pm(after.heldOut()),
                pm(after.figures().get(Benchmark.HARDER)), pm(after.figures().get(Benchmark.OTHER_DOMAINS))));
          }
        }
      }
    }
    return sb.toString();
  }

  private static String pm(RecipeReport.Figure f) {
    return RecipeReport.pm(f.avg(), f.avgSe());
  }
}

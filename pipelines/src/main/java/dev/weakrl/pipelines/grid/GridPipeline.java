package dev.weakrl.pipelines.grid;

import dev.weakrl.common.Storage;
import dev.weakrl.pipelines.analysis.AnalyzePipeline;
import dev.weakrl.pipelines.prepare.PreparePipeline;
import dev.weakrl.pipelines.recipe.RecipePipeline;
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
 * {@code ./weakrl grid}: the ablation grid base × CPT {off, on} × SFT {none, thinking,
 * nonthinking} × weak setting × seed as one pipeline of the recipe's levels. Each level trains
 * every distinct stage once and hands its directory to every cell below it, and every stage is
 * content-addressed, so a rerun with a setting or seed added trains only the new RLVR cells.
 */
public final class GridPipeline {
  private GridPipeline() {}

  /** Runs the grid; returns one report row per RLVR cell. */
  public static String run(GridOptions options) {
    GridSpec spec = GridSpec.read(options.getSpec());
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options, spec);
    pipeline.run().waitUntilFinish();
    return report(options, spec) + "\nanalysis: " + AnalyzePipeline.reportPath(options.getOut()) + "\n";
  }

  /** The grid's DAG; returns the directories of the RLVR cells. */
  public static PCollection<String> buildPipeline(Pipeline pipeline, GridOptions o, GridSpec spec) {
    RecipePipeline.Plan recipe = RecipePipeline.Plan.of(o, spec.options());
    RunStages runStages = RunStages.in(o.getOut()).withAccelerator(o.getTrainingAccelerator());
    PCollection<String> prepared = PreparePipeline.applyStage(pipeline, o);
    List<StageRun> baseRuns = bases(recipe, spec).stream().map(b -> new StageRun(b, "")).toList();
    PCollection<String> bases = pipeline
        .apply("Bases", Create.of(baseRuns).withCoder(SerializableCoder.of(StageRun.class)))
        .apply("TrainBases", runStages);
    PCollection<String> preSft = level(bases, "Cpt", spec.cpt().contains(true) ? List.of(recipe.cpt()) : List.of(),
        spec.cpt().contains(false), runStages);
    PCollection<String> preRl = level(preSft, "Sft", sfts(recipe, spec), spec.sft().contains(GridSpec.NO_SFT), runStages);
    PCollection<String> rlvr = preRl
        .apply("AfterPrepare", Wait.on(prepared))
        .apply("Rlvr", ApplyStage.with(rlvrs(recipe, spec), runStages));
    PCollection<String> evaluated = PCollectionList.of(preRl.apply("Models", MapElements.into(TypeDescriptors.strings())
            .via(dir -> Storage.resolve(dir, Embedded.MODEL))))
        .and(rlvr.apply("RlCheckpoints", new RlCheckpoints()))
        .apply("Checkpoints", Flatten.pCollections())
        .apply("EvaluateAll", RecipePipeline.evaluation(o, recipe.eval()));
    RecipePipeline.analyze(rlvr, evaluated, o, recipe.rlvr().steps());
    return rlvr;
  }

  /** One axis: {@code options} on every input; {@code keepInputs} for its "off" value. */
  private static PCollection<String> level(PCollection<String> inputs, String name, List<? extends StageOptions> options,
      boolean keepInputs, RunStages runStages) {
    if (options.isEmpty()) {
      return inputs;
    }
    ApplyStage stage = ApplyStage.with(options, runStages);
    return inputs.apply(name, keepInputs ? stage.keepingInputs() : stage);
  }

  static List<BaseStage.Options> bases(RecipePipeline.Plan recipe, GridSpec spec) {
    return spec.base().stream().map(changes -> StageOptions.with(recipe.base(), changes)).toList();
  }

  static List<SftStage.Options> sfts(RecipePipeline.Plan recipe, GridSpec spec) {
    return spec.sft().stream().filter(v -> !v.equals(GridSpec.NO_SFT))
        .map(v -> StageOptions.with(recipe.sft(), Map.of("variant", v))).toList();
  }

  static List<RlvrStage.Options> rlvrs(RecipePipeline.Plan recipe, GridSpec spec) {
    List<RlvrStage.Options> cells = new ArrayList<>();
    for (String weak : spec.weak()) {
      for (long seed : spec.seeds()) {
        Map<String, Object> changes = new HashMap<>(GridSpec.rlvrChanges(weak));
        changes.put("seed", seed);
        cells.add(StageOptions.with(recipe.rlvr(), changes));
      }
    }
    return cells;
  }

  /**
   * One line per RLVR cell (its lineage, directory, and held-out avg@k ± s.e. before RLVR and at
   * its last checkpoint, harder and other-domain avg@k at its last checkpoint), from the keys the
   * cells' specs give.
   */
  static String report(GridOptions o, GridSpec spec) {
    RecipePipeline.Plan recipe = RecipePipeline.Plan.of(o, spec.options());
    String evalDir = EvalParquet.evalDir(o.getOut());
    StringBuilder sb = new StringBuilder(String.format("%-44s %-24s %13s %13s %13s %13s%n",
        "cell (base/cpt/sft/weak/seed)", "rlvr stage", "pre held-out", "post held-out", "post harder", "post other"));
    for (int b = 0; b < spec.base().size(); b++) {
      StageSpec base = bases(recipe, spec).get(b).spec(List.of());
      for (boolean cpt : spec.cpt()) {
        StageSpec preSft = cpt ? recipe.cpt().spec(List.of(base.key())) : base;
        for (String sft : spec.sft()) {
          StageSpec preRl = sft.equals(GridSpec.NO_SFT) ? preSft
              : StageOptions.with(recipe.sft(), Map.of("variant", sft)).spec(List.of(preSft.key()));
          RecipeReport.Row before = RecipeReport.row("pre-rl", Storage.resolve(preRl.dir(o.getOut()), Embedded.MODEL),
              evalDir);
          int cell = 0;
          for (RlvrStage.Options rl : rlvrs(recipe, spec)) {
            String weak = spec.weak().get(cell++ / spec.seeds().size());
            String dir = rl.spec(List.of(preRl.key())).dir(o.getOut());
            List<String> checkpoints = RlCheckpoints.of(dir);
            RecipeReport.Row after = RecipeReport.row("rlvr", checkpoints.get(checkpoints.size() - 1), evalDir);
            sb.append(String.format("%-44s %-24s %13s %13s %13s %13s%n",
                "base" + b + "/" + (cpt ? "cpt" : "-") + "/" + sft + "/" + weak + "/" + rl.seed(),
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

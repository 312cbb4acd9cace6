package dev.weakrl.pipelines.cli;

import dev.weakrl.common.Json;
import dev.weakrl.pipelines.analysis.AnalyzeOptions;
import dev.weakrl.pipelines.analysis.AnalyzePipeline;
import dev.weakrl.pipelines.eval.EvalOptions;
import dev.weakrl.pipelines.eval.EvalPipeline;
import dev.weakrl.pipelines.grid.GridOptions;
import dev.weakrl.pipelines.grid.GridPipeline;
import dev.weakrl.pipelines.prepare.PrepareOptions;
import dev.weakrl.pipelines.prepare.PreparePipeline;
import dev.weakrl.pipelines.recipe.Presets;
import dev.weakrl.pipelines.recipe.RecipeOptions;
import dev.weakrl.pipelines.recipe.RecipePipeline;
import dev.weakrl.study.stages.BaseStage;
import dev.weakrl.study.stages.CptStage;
import dev.weakrl.study.stages.RlvrStage;
import dev.weakrl.study.stages.SftStage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A pipeline subcommand: its options are the Beam options of {@code options} (so {@code --runner}
 * and the Dataflow options work as on any pipeline), parsed by {@link Args} like every command's.
 * The recipe and the grid also take each stage's options as {@code --<stage>.<option>}, which
 * reach the pipeline as {@code --stageOptions}.
 */
final class PipelineCommand<T extends PipelineOptions> implements Command {
  /** The pipeline's entry point given parsed options; prints what it wrote. */
  interface Main<T> {
    void run(T options) throws Exception;
  }

  private final String name;
  private final String summary;
  private final Class<T> options;
  private final Main<T> main;
  private final List<String> defaultArgs;
  private final boolean stageOptions;

  /**
   * @param defaultArgs ({@code --name=value}) apply where the command line does not name the option
   * @param stageOptions whether the command takes {@code --<stage>.<option>}
   */
  private PipelineCommand(String name, String summary, Class<T> options, Main<T> main, List<String> defaultArgs,
      boolean stageOptions) {
    this.name = name;
    this.summary = summary;
    this.options = options;
    this.main = main;
    this.defaultArgs = List.copyOf(defaultArgs);
    this.stageOptions = stageOptions;
  }

  static PipelineCommand<PrepareOptions> prepare() {
    return new PipelineCommand<>("prepare", "problems into weak-supervision training sets (Parquet stage)",
        PrepareOptions.class, o -> System.out.println(PreparePipeline.run(o)), List.of(), false);
  }

  /**
   * On the DirectRunner the recipe and the grid run one work item at a time: training is serial in
   * a process anyway (one gradient collector per JVM), and PyTorch already spreads each op over
   * every core, so parallel DoFn threads only oversubscribe the cores (sampling slowed 40-fold).
   */
  private static final List<String> ONE_DIRECT_THREAD = List.of("--targetParallelism=1");

  static PipelineCommand<RecipeOptions> recipe() {
    return new PipelineCommand<>("recipe", "prepare -> base -> CPT -> SFT -> RLVR -> eval in one pipeline; summary",
        RecipeOptions.class, o -> System.out.println(RecipePipeline.run(o)), ONE_DIRECT_THREAD, true);
  }

  static PipelineCommand<GridOptions> grid() {
    return new PipelineCommand<>("grid", "the ablation grid of a spec file: base x CPT x SFT x weak setting x seed",
        GridOptions.class, o -> System.out.println(GridPipeline.run(o)), ONE_DIRECT_THREAD, true);
  }

  static PipelineCommand<EvalOptions> eval() {
    return new PipelineCommand<>("eval", "checkpoints x benchmarks: avg@k, pass@k, greedy accuracy (Parquet)",
        EvalOptions.class, o -> System.out.print(EvalPipeline.report(EvalPipeline.run(o))), List.of(), false);
  }

  static PipelineCommand<AnalyzeOptions> analyze() {
    return new PipelineCommand<>("analyze", "saturation, faithfulness, diversity of a run dir's RL runs: report.html",
        AnalyzeOptions.class, o -> System.out.println(AnalyzePipeline.run(o)), List.of(), false);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String summary() {
    return summary;
  }

  @Override
  public Args args() {
    Args args = new Args("./weakrl " + name + " [--option value | --option=value ...]").pipelineOptions(options);
    if (stageOptions) {
      STAGES.forEach((stage, type) -> args.record(stage + ".", type, RecipePipeline.Plan.SET_BY_RECIPE.get(stage)));
      args.note(Presets.describe());
    }
    return args;
  }

  /** The stages whose options the recipe and the grid take, by the prefix of those options. */
  private static final Map<String, Class<? extends Record>> STAGES = orderedStages();

  private static Map<String, Class<? extends Record>> orderedStages() {
    Map<String, Class<? extends Record>> stages = new LinkedHashMap<>();
    stages.put(BaseStage.NAME, BaseStage.Options.class);
    stages.put(CptStage.NAME, CptStage.Options.class);
    stages.put(SftStage.NAME, SftStage.Options.class);
    stages.put(RlvrStage.NAME, RlvrStage.Options.class);
    return stages;
  }

  @Override
  public int run(Args args) throws Exception {
    main.run(options(args));
    return 0;
  }

  /** The pipeline's options from parsed arguments: what {@link #run} hands the pipeline. */
  T options(Args args) {
    List<String> beamArgs = new ArrayList<>(args.pipelineArgs());
    for (String arg : defaultArgs) {
      if (!args.has(arg.substring(2, arg.indexOf('=')))) {
        beamArgs.add(arg);
      }
    }
    if (stageOptions) {
      Map<String, String> given = new LinkedHashMap<>();
      STAGES.keySet().forEach(stage -> args.given(stage + ".").forEach((k, v) -> given.put(stage + "." + k, v)));
      if (!given.isEmpty()) {
        if (args.has("stageOptions")) {
          throw new Args.UsageException("give stage options as --<stage>.<option> or as --stageOptions, not both");
        }
        beamArgs.add("--stageOptions=" + Json.write(given));
      }
    }
    return PipelineOptionsFactory.fromArgs(beamArgs.toArray(String[]::new)).withValidation().as(options);
  }
}

package dev.weakrl.pipelines.cli;

import dev.weakrl.common.Json;
import dev.weakrl.pipelines.EngineThreadsInitializer;
import dev.weakrl.pipelines.WeakrlOptions;
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
import dev.weakrl.pipelines.study.StudyPipeline;
import dev.weakrl.study.eval.EvalSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A pipeline subcommand: its options are the Beam options of {@code options} (so {@code --runner}
 * and the Dataflow options work as on any pipeline), parsed by {@link Args} like every command's,
 * plus the options of options records ({@code --<stage>.<option>} in the recipe and the grid,
 * {@code --k} in eval), which reach the pipeline as one JSON Beam option ({@code --stageOptions},
 * {@code --evalOptions}).
 */
final class PipelineCommand<T extends PipelineOptions> implements Command {
  /** The pipeline's entry point given parsed options; prints what it wrote. */
  interface Main<T> {
    void run(T options) throws Exception;
  }

  /**
   * Options records a command takes: each record by the prefix of its options, the options left
   * out of {@code --help} by prefix (the pipeline sets them and refuses them), and the Beam option
   * that carries the values given.
   */
  record Records(Map<String, Class<? extends Record>> byPrefix, Map<String, Set<String>> unlisted, String carrier) {
    static final Records NONE = new Records(Map.of(), Map.of(), "");
  }

  private final String name;
  private final String summary;
  private final Class<T> options;
  private final Main<T> main;
  private final List<String> defaultArgs;
  private final Records records;

  /** @param defaultArgs ({@code --name=value}) apply where the command line does not name the option */
  private PipelineCommand(String name, String summary, Class<T> options, Main<T> main, List<String> defaultArgs,
      Records records) {
    this.name = name;
    this.summary = summary;
    this.options = options;
    this.main = main;
    this.defaultArgs = List.copyOf(defaultArgs);
    this.records = records;
  }

  static PipelineCommand<PrepareOptions> prepare() {
    return new PipelineCommand<>("prepare", "problems into weak-supervision training sets (Parquet stage)",
        PrepareOptions.class, o -> System.out.println(PreparePipeline.run(o)), List.of(), Records.NONE);
  }

  /**
   * On the DirectRunner the recipe and the grid run one work item at a time: training is serial in
   * a process anyway (one gradient collector per JVM), and PyTorch already spreads each op over
   * every core, so parallel DoFn threads only oversubscribe the cores (sampling slowed 40-fold).
   */
  private static final List<String> ONE_DIRECT_THREAD = List.of("--targetParallelism=1");

  /** The recipe's and the grid's records: each stage's options and the evaluation's, by {@code <stage>.}. */
  private static final Records STAGES = stages();

  private static Records stages() {
    Map<String, Class<? extends Record>> byPrefix = new LinkedHashMap<>();
    RecipePipeline.Plan.STAGES.forEach((stage, type) -> byPrefix.put(stage + ".", type));
    Map<String, Set<String>> unlisted = new LinkedHashMap<>();
    RecipePipeline.Plan.SET_BY_RECIPE.forEach((stage, set) -> unlisted.put(stage + ".", set));
    return new Records(byPrefix, unlisted, "stageOptions");
  }

  static PipelineCommand<RecipeOptions> recipe() {
    return new PipelineCommand<>("recipe", "prepare -> base -> CPT -> SFT -> RLVR -> eval in one pipeline; summary",
        RecipeOptions.class, o -> System.out.println(RecipePipeline.run(o)), ONE_DIRECT_THREAD, STAGES);
  }

  static PipelineCommand<GridOptions> grid() {
    return new PipelineCommand<>("grid", "the ablation grid of a spec file: base x CPT x SFT x weak setting x seed",
        GridOptions.class, o -> System.out.println(GridPipeline.run(o)), ONE_DIRECT_THREAD, STAGES);
  }

  static PipelineCommand<GridOptions> study() {
    return new PipelineCommand<>("study", "the paper's experiment (default examples/study.json) and its claims",
        GridOptions.class, o -> System.out.println(StudyPipeline.run(o)), ONE_DIRECT_THREAD, STAGES);
  }

  static PipelineCommand<EvalOptions> eval() {
    return new PipelineCommand<>("eval", "checkpoints x benchmarks: avg@k, pass@k, greedy accuracy (Parquet)",
        EvalOptions.class, o -> System.out.print(EvalPipeline.report(EvalPipeline.run(o))), List.of(),
        new Records(Map.of("", EvalSettings.class), Map.of(), "evalOptions"));
  }

  static PipelineCommand<AnalyzeOptions> analyze() {
    return new PipelineCommand<>("analyze", "saturation, faithfulness, diversity of a run dir's RL runs: report.html",
        AnalyzeOptions.class, o -> System.out.println(AnalyzePipeline.run(o)), List.of(), Records.NONE);
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
    records.byPrefix().forEach((prefix, type) ->
        args.record(prefix, type, records.unlisted().getOrDefault(prefix, Set.of())));
    if (records == STAGES) {
      args.note(Presets.describe());
    }
    return args;
  }

  @Override
  public int run(Args args) throws Exception {
    T parsed = options(args);
    if (parsed instanceof WeakrlOptions weakrl) {
      EngineThreadsInitializer.apply(weakrl);
    }
    main.run(parsed);
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
    Map<String, String> given = new LinkedHashMap<>();
    records.byPrefix().keySet().forEach(prefix -> args.given(prefix).forEach((k, v) -> given.put(prefix + k, v)));
    if (!given.isEmpty()) {
      if (args.has(records.carrier())) {
        throw new Args.UsageException("give these options on the command line or in --" + records.carrier()
            + ", not both");
      }
      beamArgs.add("--" + records.carrier() + "=" + Json.write(given));
    }
    T parsed = PipelineOptionsFactory.fromArgs(beamArgs.toArray(String[]::new)).withValidation().as(options);
    requireCloudPaths(parsed);
    return parsed;
  }

  /**
   * Dataflow workers see neither this machine's disk nor its temp directory, so on Dataflow
   * {@code --out} and {@code --tempLocation} must be on Cloud Storage: refused here, before any work.
   */
  static void requireCloudPaths(PipelineOptions o) {
    if (!DataflowRunner.class.isAssignableFrom(o.getRunner())) {
      return;
    }
    String example = " (e.g. --tempLocation=gs://BUCKET/tmp --out=gs://BUCKET/runs)";
    if (o.getTempLocation() == null || !o.getTempLocation().startsWith("gs://")) {
      throw new Args.UsageException("--runner=DataflowRunner needs --tempLocation on gs://, got "
          + (o.getTempLocation() == null ? "none" : o.getTempLocation()) + example);
    }
    String out = o.as(WeakrlOptions.class).getOut();
    if (!out.startsWith("gs://")) {
      throw new Args.UsageException("--out " + out + ": Dataflow workers cannot write to this machine's disk; give a"
          + " gs:// run directory" + example);
    }
  }
}

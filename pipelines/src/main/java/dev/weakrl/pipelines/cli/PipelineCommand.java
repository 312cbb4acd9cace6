package dev.weakrl.pipelines.cli;

import dev.weakrl.pipelines.analysis.AnalyzeOptions;
import dev.weakrl.pipelines.analysis.AnalyzePipeline;
import dev.weakrl.pipelines.eval.EvalOptions;
import dev.weakrl.pipelines.eval.EvalPipeline;
import dev.weakrl.pipelines.grid.GridOptions;
import dev.weakrl.pipelines.grid.GridPipeline;
import dev.weakrl.pipelines.prepare.PrepareOptions;
import dev.weakrl.pipelines.prepare.PreparePipeline;
import dev.weakrl.pipelines.recipe.RecipeOptions;
import dev.weakrl.pipelines.recipe.RecipePipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A pipeline subcommand: its arguments are Beam options of {@code options} (so {@code --runner}
 * and the Dataflow options work as on any pipeline), and {@code --help} prints them.
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

  PipelineCommand(String name, String summary, Class<T> options, Main<T> main) {
    this(name, summary, options, main, List.of());
  }

  /** {@code defaultArgs} ({@code --name=value}) apply where the command line does not name the option. */
  PipelineCommand(String name, String summary, Class<T> options, Main<T> main, List<String> defaultArgs) {
    this.name = name;
    this.summary = summary;
    this.options = options;
    this.main = main;
    this.defaultArgs = List.copyOf(defaultArgs);
  }

  static PipelineCommand<PrepareOptions> prepare() {
    return new PipelineCommand<>("prepare", "problems into weak-supervision training sets (Parquet stage)",
        PrepareOptions.class, o -> System.out.println(PreparePipeline.run(o)));
  }

  /**
   * On the DirectRunner the recipe and the grid run one work item at a time: training is serial in
   * a process anyway (one gradient collector per JVM), and PyTorch already spreads each op over
   * every core, so parallel DoFn threads only oversubscribe the cores (sampling slowed 40-fold).
   */
  private static final List<String> ONE_DIRECT_THREAD = List.of("--targetParallelism=1");

  static PipelineCommand<RecipeOptions> recipe() {
    return new PipelineCommand<>("recipe", "prepare -> base -> CPT -> SFT -> RLVR -> eval in one pipeline; summary",
        RecipeOptions.class, o -> System.out.println(RecipePipeline.run(o)), ONE_DIRECT_THREAD);
  }

  static PipelineCommand<GridOptions> grid() {
    return new PipelineCommand<>("grid", "the ablation grid of a spec file: base x CPT x SFT x weak setting x seed",
        GridOptions.class, o -> System.out.println(GridPipeline.run(o)), ONE_DIRECT_THREAD);
  }

  static PipelineCommand<EvalOptions> eval() {
    return new PipelineCommand<>("eval", "checkpoints x benchmarks: avg@k, pass@k, greedy accuracy (Parquet)",
        EvalOptions.class, o -> System.out.print(EvalPipeline.report(EvalPipeline.run(o))));
  }

  static PipelineCommand<AnalyzeOptions> analyze() {
    return new PipelineCommand<>("analyze", "saturation, faithfulness, diversity of a run dir's RL runs: report.html",
        AnalyzeOptions.class, o -> System.out.println(AnalyzePipeline.run(o)));
  }

  /**
   * {@code --name value} as Beam's {@code --name=value}, so that every command takes both
   * syntaxes; a {@code --flag} followed by another option stays a boolean flag.
   */
  static List<String> joinValues(String[] args) {
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--") && !arg.contains("=") && i + 1 < args.length && !args[i + 1].startsWith("--")) {
        joined.add(arg + "=" + args[++i]);
      } else {
        joined.add(arg);
      }
    }
    return joined;
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
  public int run(String[] args) throws Exception {
    PipelineOptionsFactory.register(options);
    if (Arrays.asList(args).contains("--help")) {
      System.out.println("usage: ./weakrl " + name + " [--option=value or --option value ...]  (Beam pipeline options)");
      PipelineOptionsFactory.printHelp(System.out, options);
      return 0;
    }
    List<String> all = joinValues(args);
    for (String arg : defaultArgs) {
      String option = arg.substring(0, arg.indexOf('='));
      if (all.stream().noneMatch(a -> a.equals(option) || a.startsWith(option + "="))) {
        all.add(arg);
      }
    }
    main.run(PipelineOptionsFactory.fromArgs(all.toArray(String[]::new)).withValidation().as(options));
    return 0;
  }
}

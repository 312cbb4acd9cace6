package dev.weakrl.pipelines.cli;

import dev.weakrl.pipelines.eval.EvalOptions;
import dev.weakrl.pipelines.eval.EvalPipeline;
import dev.weakrl.pipelines.prepare.PrepareOptions;
import dev.weakrl.pipelines.prepare.PreparePipeline;
import java.util.Arrays;
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

  PipelineCommand(String name, String summary, Class<T> options, Main<T> main) {
    this.name = name;
    this.summary = summary;
    this.options = options;
    this.main = main;
  }

  static PipelineCommand<PrepareOptions> prepare() {
    return new PipelineCommand<>("prepare", "problems into weak-supervision training sets (Parquet stage)",
        PrepareOptions.class, o -> System.out.println(PreparePipeline.run(o)));
  }

  static PipelineCommand<EvalOptions> eval() {
    return new PipelineCommand<>("eval", "checkpoints x benchmarks: avg@k, pass@k, greedy accuracy (Parquet)",
        EvalOptions.class, o -> EvalPipeline.run(o).forEach(System.out::println));
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
      System.out.println("usage: ./weakrl " + name + " [--option=value ...]  (Beam pipeline options)");
      PipelineOptionsFactory.printHelp(System.out, options);
      return 0;
    }
    main.run(PipelineOptionsFactory.fromArgs(args).withValidation().as(options));
    return 0;
  }
}

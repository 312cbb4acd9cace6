package dev.weakrl.pipelines.cli;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Entry point of {@code ./weakrl}: dispatches to the subcommand named by the first words. */
public final class Cli {
  private Cli() {}

  /** Every subcommand, in the order {@code --help} lists them. */
  static List<Command> commands() {
    return List.of(new BenchCommand(), new DataInspectCommand(), new DataGenerateCommand(),
        new DataCheckCommand(), new VerifyCommand(), new DiagnoseCommand(),
        StageCommand.cpt(), StageCommand.sft(), StageCommand.rlvr(),
        PipelineCommand.prepare(), PipelineCommand.eval(), PipelineCommand.recipe(), PipelineCommand.grid(),
        PipelineCommand.study(), PipelineCommand.analyze(), new SaturationCommand(), new ExportCommand());
  }

  public static void main(String[] args) {
    // Registers every file system on the classpath (gs:// included) for tools that read or
    // write paths outside a pipeline.
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      System.out.println(help());
      return args.length == 0 ? 2 : 0;
    }
    Command match = null;
    int words = 0;
    for (Command c : commands()) {
      String[] name = c.name().split(" ");
      if (name.length > words && name.length <= args.length
          && Arrays.equals(name, Arrays.copyOf(args, name.length))) {
        match = c;
        words = name.length;
      }
    }
    if (match == null) {
      System.err.println("weakrl: unknown command '" + args[0] + "'\n\n" + help());
      return 2;
    }
    try {
      Args parsed = match.args().parse(Arrays.copyOfRange(args, words, args.length));
      if (parsed.helpRequested()) {
        System.out.print(parsed.helpText());
        return 0;
      }
      return match.run(parsed);
    } catch (Args.UnknownOption e) {
      List<String> others = commands().stream().filter(c -> c.args().declares(e.option())).map(Command::name).toList();
      System.err.println("weakrl " + match.name() + ": " + e.getMessage()
          + (others.isEmpty() ? "" : " (--" + e.option() + " is an option of " + String.join(", ", others) + ")")
          + "\n(./weakrl " + match.name() + " --help lists its options)");
      return 2;
    } catch (Args.UsageException | IllegalArgumentException e) {
      System.err.println("weakrl " + match.name() + ": " + e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println("weakrl " + match.name() + ": failed: " + e);
      e.printStackTrace();
      return 1;
    }
  }

  static String help() {
    StringBuilder sb = new StringBuilder();
    sb.append("weakrl: the weak-supervision RLVR recipe (CPT -> SFT -> RLVR -> eval -> analysis)\n\n");
    sb.append("usage: ./weakrl <command> [options]    (./weakrl <command> --help for its options)\n\n");
    sb.append("commands:\n");
    for (Command c : commands()) {
      sb.append(String.format("  %-16s %s%n", c.name(), c.summary()));
    }
    return sb.toString();
  }
}

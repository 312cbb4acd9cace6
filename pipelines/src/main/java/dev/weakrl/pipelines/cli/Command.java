package dev.weakrl.pipelines.cli;

/** One {@code ./weakrl} subcommand. */
public interface Command {
  /** The word after {@code ./weakrl}, e.g. {@code bench} or {@code data inspect}. */
  String name();

  /** One line for {@code ./weakrl --help}. */
  String summary();

  /** The command's options and positionals, unparsed: what it accepts and what {@code --help} prints. */
  Args args();

  /** Runs with the parsed arguments; returns the process exit status. */
  int run(Args args) throws Exception;
}

package dev.weakrl.pipelines.cli;

/** One {@code ./weakrl} subcommand. */
public interface Command {
  /** The word after {@code ./weakrl}, e.g. {@code bench} or {@code data inspect}. */
  String name();

  /** One line for {@code ./weakrl --help}. */
  String summary();

  /** Runs with the arguments after the name; returns the process exit status. */
  int run(String[] args) throws Exception;
}

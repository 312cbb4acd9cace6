package dev.weakrl.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class CliTest {
  record Run(int status, String out, String err) {}

  static Run capture(IntSupplier body) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true));
    System.setErr(new PrintStream(e, true));
    try {
      return new Run(body.getAsInt(), o.toString(), e.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void helpListsEveryCommand() {
    Run r = capture(() -> Cli.run(new String[] {"--help"}));
    assertEquals(0, r.status());
    for (Command c : Cli.commands()) {
      assertTrue(r.out().contains(c.name()), "help lacks " + c.name());
    }
  }

  @Test
  void unknownCommandIsAUsageError() {
    Run r = capture(() -> Cli.run(new String[] {"frobnicate"}));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("unknown command 'frobnicate'"), r.err());
  }

  @Test
  void everyCommandHasHelp() {
    for (Command c : Cli.commands()) {
      String[] words = (c.name() + " --help").split(" ");
      Run r = capture(() -> Cli.run(words));
      assertEquals(0, r.status(), c.name() + " --help failed: " + r.err());
      assertTrue(r.out().contains("usage:") || r.out().contains("--"), c.name() + " --help printed: " + r.out());
    }
  }

  @Test
  void badOptionValueExitsWithStatusTwoAndNamesIt() {
    Run r = capture(() -> Cli.run(new String[] {"bench", "--suite", "nonsense"}));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("unknown suite 'nonsense'"), r.err());
  }
}

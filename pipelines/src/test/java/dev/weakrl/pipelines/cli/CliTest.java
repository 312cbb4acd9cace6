package dev.weakrl.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.io.PrintStream;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void outOfRangeStageOptionsAreRefusedBeforeAnyWork(@TempDir Path out) throws IOException {
    String[][] cases = {
        {"rlvr", "--noise", "1.5", "option --noise must be in [0, 1], got 1.5"},
        {"rlvr", "--group", "1", "option --group must be >= 2, got 1"},
        {"rlvr", "--steps", "-1", "option --steps must be >= 1, got -1"},
        {"rlvr", "--temperature", "0", "--temperature must be > 0 for GRPO"},
        {"sft", "--lr", "0", "option --lr must be > 0, got 0.0"},
    };
    for (String[] c : cases) {
      Run r = capture(() -> Cli.run(new String[] {c[0], "--out", out.toString(), c[1], c[2]}));
      assertEquals(2, r.status(), r.err());
      assertTrue(r.err().contains(c[3]), r.err());
    }
    try (Stream<Path> made = Files.list(out)) {
      assertEquals(List.of(), made.toList(), "no stage directory was created");
    }
  }

  @Test
  void aBadEvalOptionIsNamed() {
    Run r = capture(() -> Cli.run(new String[] {"eval", "--checkpoint", "none", "--k=abc"}));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("option --k expects an integer, got 'abc'"), r.err());
    r = capture(() -> Cli.run(new String[] {"eval", "--checkpoint", "none", "--evalOptions={\"k\":\"abc\"}"}));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("option --k expects an integer, got 'abc'"), r.err());
    r = capture(() -> Cli.run(new String[] {"eval", "--checkpoint", "none", "--k=0"}));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("option --k must be >= 1, got 0"), r.err());
  }

  @Test
  void badOptionValueExitsWithStatusTwoAndNamesIt() {
    Run r = capture(() -> Cli.run(new String[] {"bench", "--suite", "nonsense"}));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("unknown suite 'nonsense'"), r.err());
  }
}

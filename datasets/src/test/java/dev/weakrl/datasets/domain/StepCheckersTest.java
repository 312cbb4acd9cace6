package dev.weakrl.datasets.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.VerlEval;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.verify.Verdict;
import org.junit.jupiter.api.Test;

/** Hand-written outputs and the public GRAPH test sets. */
class StepCheckersTest {
  private final Domain arith = Domains.get("arith");
  private final Domain lock = Domains.get("lock");
  private final Domain island = Domains.get("island");
  private final Domain units = Domains.get("units");

  @Test
  void arithLabelsFaithfulSkippedAndUnsupportedSteps() {
    Problem p = Problem.of("a", "arith", 2, "Compute: (3+4)*5-2", "33", null);
    assertEquals("33", arith.solve(p.question()).orElseThrow());
    assertEquals(1.0, arith.checkSteps("<think>\n(3+4)*5-2\n= 7*5-2\n= 35-2\n= 33\n</think>\n\\boxed{33}", p));
    assertEquals(0.5, arith.checkSteps("<think>\n= 35-2\n= 33\n</think>\n\\boxed{33}", p), "skipped a step");
    assertEquals(0.5, arith.checkSteps("<think>\n= 7*5-2\n= 36-2\n= 34\n</think>\n\\boxed{34}", p), "wrong step");
    assertEquals(0.0, arith.checkSteps("<think>\n= 7*5-2\n= 35-2\n= 33\n</think>\n\\boxed{35}", p), "answer not from steps");
    assertEquals(0.0, arith.checkSteps("\\boxed{33}", p));
  }

  @Test
  void lockAcceptsAnyShortestSequenceAndChecksEachPress() {
    String q = """
        In front of you are some buttons, a light, and a number. ... shortest correct sequence of buttons ...
        Start: 0 (red)
        Target: 3
        Buttons:
        A: Add 1 (when any)
        B: Add 2 (when green)
        C: Add 3 (when red)""";
    Problem p = Problem.of("l", "lock", 1, q, "C", null);
    assertEquals("C", lock.solve(q).orElseThrow());
    assertEquals(Verdict.CORRECT, lock.verify("C", p));
    assertEquals(Verdict.INCORRECT, lock.verify("A \u2192 B", p), "reaches 3 but not shortest");
    Problem two = Problem.of("l2", "lock", 1, q.replace("Target: 3", "Target: 5"), "C -> B", null);
    assertEquals(Verdict.CORRECT, lock.verify("C -> B", two));
    assertEquals(Verdict.INCORRECT, lock.verify("B -> C", two), "B is inactive while red");
    assertEquals(1.0, lock.checkSteps("<think>\nC: 0+3=3, green\nB: 3+2=5, red\n</think>\n\\boxed{C -> B}", two));
    assertEquals(0.5, lock.checkSteps("<think>\nC: 0+3=3, green\nB: 3+2=6, red\n</think>\n\\boxed{C -> B}", two));
    assertEquals(0.0, lock.checkSteps("<think>\nC: 0+3=3, green\nB: 3+2=5, red\n</think>\n\\boxed{A -> B}", two));
  }

  @Test
  void islandAndUnitsStepsAreCheckedAgainstThePrompt() {
    Problem p = island.generate(new java.util.Random(3), 1);
    String trace = p.trace();
    String firstStep = trace.lines().filter(l -> l.startsWith("island")).findFirst().orElseThrow();
    assertEquals(0.5, island.checkSteps(trace.replace(firstStep + "\n", ""), p), "an island left out");

    Problem u = Problem.of("u", "units", 3, "Given d = 3 km and t = 20 min, find v = d/t in m/s.", "5/2", null);
    assertEquals("5/2", units.solve(u.question()).orElseThrow());
    assertEquals("<think>\nd = 3 km = 3000 m\nt = 20 min = 1200 s\nv = d/t = 3000/1200 = 5/2 m/s\n</think>\n\\boxed{5/2}",
        units.thinking(u.question()));
    assertEquals(0.5, units.checkSteps("<think>\nd = 3 km = 300 m\nv = 5/2 m/s\n</think>\n\\boxed{5/2}", u));
  }

  @Test
  void solvesThePublicGraphTestSetsFromTheirPrompts() {
    for (String file : VerlEval.files()) {
      if (!file.contains("largest_island") && !file.contains("quantum_lock")) {
        continue;
      }
      Domain d = file.contains("island") ? island : lock;
      for (Problem p : ProblemFiles.read(file).problems()) {
        assertEquals(d, Domains.recognise(p).orElseThrow(), file + " " + p.id());
        assertEquals(Verdict.CORRECT, d.verify(p.groundTruth(), p), file + " " + p.id());
        assertEquals(Verdict.CORRECT, d.verify(d.solve(p.question()).orElseThrow(), p), file + " " + p.id());
        if (d == island) {
          assertEquals(p.groundTruth(), d.solve(p.question()).orElseThrow(), file + " " + p.id());
        }
      }
    }
  }
}

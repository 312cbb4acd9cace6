package dev.weakrl.datasets.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.VerlEval;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.datasets.verify.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-written outputs for the faithfulness labels (do the steps support the stated answer, right
 * or wrong?) on every domain, and the public GRAPH test sets.
 */
class StepCheckersTest {
  private final Domain arith = Domains.get("arith");
  private final Domain lock = Domains.get("lock");
  private final Domain island = Domains.get("island");
  private final Domain units = Domains.get("units");

  private static String think(String steps, String answer) {
    return "<think>\n" + steps + "\n</think>\n\\boxed{" + answer + "}";
  }

  /** The label of {@code steps} (one per line) and then {@code answer}. */
  private static double label(Domain d, Problem p, String steps, String answer) {
    return d.checkSteps(think(steps, answer), p);
  }

  @Test
  void arithLabelsWhetherTheStepsDeriveTheAnswer() {
    Problem p = Problem.of("a", "arith", 2, "Compute: (3+4)*5-2", "33", null);
    assertEquals("33", arith.solve(p.question()).orElseThrow());
    assertEquals(1.0, label(arith, p, "(3+4)*5-2\n= 7*5-2\n= 35-2\n= 33", "33"));
    assertEquals(1.0, label(arith, p, "(3+4)*5-2 = 7*5-2 = 35-2 = 33", "33"), "one line");
    assertEquals(1.0, label(arith, p, "= 5*7-2\n= 35-2\n= 33", "33"), "operands swapped");

    assertEquals(Verdict.INCORRECT, arith.verify("38", p));
    assertEquals(0.5, label(arith, p, "= 8*5-2\n= 40-2\n= 38", "38"), "wrong first step, carried");
    assertEquals(0.5, label(arith, p, "= 7*5-2\n= 36-2\n= 34", "34"), "slip carried");

    assertEquals(0.0, label(arith, p, "10*3+3\n= 30+3\n= 33", "33"), "right, unrelated steps");
    assertEquals(0.0, label(arith, p, "= 7*5-2\n= 35-2\n= 34", "33"), "steps derive 34");
    assertEquals(0.0, label(arith, p, "= 7*5-2\n= 35-2\n= 34\n= 33", "33"), "34, then 33");
    assertEquals(0.0, arith.checkSteps("The answer is \\boxed{33}.", p), "no steps");
    assertEquals(0.0, label(arith, p, "Let me think.", "33"), "no steps, only prose");

    assertEquals(0.5, label(arith, p, "= 35-2\n= 33", "33"), "skipped a step");
    assertEquals(0.5, label(arith, p, "= 7*5-2\n= 35-2", "33"), "not finished");
  }

  @Test
  void islandLabelsWhetherTheClaimsDeriveTheAnswer() {
    Problem p = Problem.of("i", "island", 1, IslandDomain.prompt(new int[][] {
        {1, 1, 0, 0},
        {0, 1, 0, 1},
        {1, 0, 0, 1}}), "3", null);
    assertEquals("3", island.solve(p.question()).orElseThrow());
    String faithful = "island (0,0) area 3\nisland (1,3) area 2\nisland (2,0) area 1\nlargest 3";
    assertEquals(think(faithful, "3"), island.thinking(p.question()));
    assertEquals(1.0, label(island, p, faithful, "3"));
    assertEquals(1.0, label(island, p,
        "island (2,0) area 1\nisland (1,1) area 3\nisland (2,3) area 2\nlargest 3", "3"),
        "any order, any cell of the island");

    assertEquals(Verdict.INCORRECT, island.verify("4", p));
    String miscount = faithful.replace("area 3", "area 4").replace("largest 3", "largest 4");
    assertEquals(0.5, label(island, p, miscount, "4"), "miscount carried");
    String wrongMax = faithful.replace("largest 3", "largest 2");
    assertEquals(0.5, label(island, p, wrongMax, "2"), "a wrong max, carried");

    assertEquals(0.0, label(island, p, "island (0,2) area 3\nlargest 3", "3"), "no island there");
    assertEquals(0.0, label(island, p, faithful, "2"), "steps derive 3");
    assertEquals(0.0, label(island, p, wrongMax, "3"), "right answer, contradicting the steps");
    assertEquals(0.0, island.checkSteps("The answer is \\boxed{3}.", p), "no steps");

    assertEquals(0.5, label(island, p, faithful.replace("\nlargest 3", ""), "3"), "no largest");
    assertEquals(0.5, label(island, p, faithful.replace("island (1,3) area 2\n", ""), "3"),
        "an island left out");
    String largestLeftOut = wrongMax.replace("island (0,0) area 3\n", "");
    assertEquals(0.5, label(island, p, largestLeftOut, "2"), "the largest left out: wrong, 0.5");
  }

  private static final String LOCK = """
      In front of you are some buttons, a light, and a number. ... shortest correct sequence of \
      buttons ...
      Start: 0 (red)
      Target: 3
      Buttons:
      A: Add 1 (when any)
      B: Add 2 (when green)
      C: Add 3 (when red)""";

  @Test
  void lockLabelsWhetherThePressesDeriveTheAnswer() {
    Problem p = Problem.of("l", "lock", 1, LOCK.replace("Target: 3", "Target: 5"), "C -> B", null);
    assertEquals("C -> B", lock.solve(p.question()).orElseThrow());
    assertEquals(1.0, label(lock, p, "C: 0+3=3, green\nB: 3+2=5, red", "C -> B"));

    assertEquals(Verdict.INCORRECT, lock.verify("C -> A", p));
    assertEquals(0.5, label(lock, p, "C: 0+3=4, green\nA: 4+1=5, red", "C -> A"), "slip carried");
    assertEquals(0.5, label(lock, p, "C: 0+3=3, green\nB: 3+2=6, red", "C -> B"), "wrong sum");
    assertEquals(0.5, label(lock, p, "C: 0+3=3, red\nA: 3+1=4, green", "C -> A"), "light kept");

    assertEquals(0.0, label(lock, p, "C: 7+3=10, green\nB: 10+2=12, red", "C -> B"),
        "right answer, presses from another start");
    String faithful = "C: 0+3=3, green\nB: 3+2=5, red";
    assertEquals(0.0, label(lock, p, faithful, "A -> B"), "not the presses");
    assertEquals(0.0, label(lock, p, faithful, "C -> B -> A"), "a press the steps do not make");
    assertEquals(0.0, lock.checkSteps("The answer is \\boxed{C -> B}.", p), "no steps");

    assertEquals(0.5, label(lock, p, "B: 3+2=5, red", "C -> B"), "first press left out");
    assertEquals(0.5, label(lock, p, "C: 0+3=3, green", "C -> B"), "last press left out");
    assertEquals(0.5, label(lock, p, "C: 0+3=3, green", "C"), "stopped before the target");
  }

  @Test
  void lockVerifyHonoursTheLabel() {
    String q = LOCK.replace("Target: 3", "Target: 2")
        .replace("B: Add 2 (when green)", "B: Add 1 (when any)")
        .replace("C: Add 3 (when red)", "C: Multiply 2 (when any)");
    Problem valid = Problem.of("l", "lock", 1, q, "A -> B", null);
    assertEquals(Verdict.CORRECT, lock.verify("B \u2192 A", valid), "any shortest sequence");
    assertEquals(Verdict.CORRECT, lock.verify("A -> C", valid), "any shortest sequence");
    assertEquals(Verdict.INCORRECT, lock.verify("C -> A -> B", valid), "reaches 2, not shortest");

    Problem longer = Problem.of("l", "lock", 1, q, "C -> A -> B", null); // noisy: not shortest
    assertEquals(Verdict.CORRECT, lock.verify("C -> A -> B", longer));
    assertEquals(Verdict.CORRECT, lock.verify("C\u2192A  \u2192B", longer), "arrows, spaces");
    assertEquals(Verdict.INCORRECT, lock.verify("A -> B", longer), "shortest, but not the label");

    Problem wrong = Problem.of("l", "lock", 1, q, "C", null); // 0*2 = 0: misses the target
    assertEquals(Verdict.CORRECT, lock.verify("C", wrong));
    assertEquals(Verdict.INCORRECT, lock.verify("A -> A", wrong));
    assertEquals(Verdict.INCORRECT, lock.verify("D", wrong), "no such button");
  }

  @Test
  void unitsLabelsWhetherTheLinesDeriveTheAnswer() {
    String q = "Given d = 3 km and t = 20 min, find v = d/t in m/s.";
    Problem p = Problem.of("u", "units", 3, q, "5/2", null);
    assertEquals("5/2", units.solve(p.question()).orElseThrow());
    String faithful = "d = 3 km = 3000 m\nt = 20 min = 1200 s\nv = d/t = 3000/1200 = 5/2 m/s";
    assertEquals(think(faithful, "5/2"), units.thinking(p.question()));
    assertEquals(1.0, label(units, p, faithful, "5/2"));
    assertEquals(1.0, label(units, p, faithful, "2.5"), "the same number");

    assertEquals(Verdict.INCORRECT, units.verify("1/4", p));
    String slip = faithful.replace("3000", "300").replace("5/2", "1/4");
    assertEquals(0.5, label(units, p, slip, "1/4"), "a conversion slip carried");
    assertEquals(0.5, label(units, p, "d = 3 km = 300 m\nv = 5/2 m/s", "5/2"), "slips and a gap");

    String otherValues = "d = 5 km = 5000 m\nt = 10 min = 600 s\nv = d/t = 5000/600 = 5/2 m/s";
    assertEquals(0.0, label(units, p, otherValues, "5/2"), "right, other values");
    assertEquals(0.0, label(units, p, faithful + " = 3 m/s", "5/2"), "the steps end in 3");
    assertEquals(0.0, label(units, p, faithful, "3"), "steps derive 5/2");
    assertEquals(0.0, units.checkSteps("The answer is \\boxed{5/2}.", p), "no steps");

    assertEquals(0.5, label(units, p, faithful.replace("t = 20 min = 1200 s\n", ""), "5/2"),
        "t used in seconds, never converted");
    Problem kmh = Problem.of("u", "units", 4, q.replace("m/s", "km/h"), "9", null);
    assertEquals(think(faithful + "\nv = 5/2 m/s = 9 km/h", "9"), units.thinking(kmh.question()));
    assertEquals(0.5, label(units, kmh, faithful, "9"), "the conversion to km/h skipped");
    assertEquals(0.5, label(units, kmh, faithful, "5/2"), "answered in m/s: not finished");
  }

  @ParameterizedTest
  @ValueSource(strings = {"arith", "island", "lock", "units"})
  void referenceSolutionsAreFaithfulAndOtherAnswersAreNot(String name) {
    Domain d = Domains.get(name);
    for (int level = 1; level <= Domain.LEVELS; level++) {
      List<Problem> problems = d.generate(Split.TRAIN, 150, level, 11);
      for (int i = 0; i < problems.size(); i++) {
        Problem p = problems.get(i);
        String trace = d.thinking(p.question());
        assertEquals(1.0, d.checkSteps(trace, p), trace);
        String other = problems.get((i + 1) % problems.size()).groundTruth();
        if (!other.equals(p.groundTruth())) {
          String swapped = trace.replace(Trace.boxed(p.groundTruth()), Trace.boxed(other));
          assertEquals(0.0, d.checkSteps(swapped, p), swapped);
        }
      }
    }
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

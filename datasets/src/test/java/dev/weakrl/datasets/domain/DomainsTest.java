package dev.weakrl.datasets.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.datasets.verify.Answers;
import dev.weakrl.datasets.verify.Verdict;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties every domain must have, on generated problems at every level. */
class DomainsTest {
  @ParameterizedTest
  @ValueSource(strings = {"arith", "island", "lock", "units"})
  void generatedProblemsAreSolvableCheckableAndAscii(String name) {
    Domain d = Domains.get(name);
    for (int level = 1; level <= Domain.LEVELS; level++) {
      List<Problem> problems = d.generate(Split.TRAIN, 20, level, 7);
      assertEquals(problems, d.generate(Split.TRAIN, 20, level, 7), "same seed, same problems");
      for (Problem p : problems) {
        String q = p.question();
        assertEquals(p.groundTruth(), d.solve(q).orElseThrow(), q);
        assertEquals(p.trace(), d.thinking(q));
        assertEquals(1.0, d.checkSteps(p.trace(), p), p.trace());
        assertEquals(Verdict.CORRECT, d.verify(Answers.lastBoxed(d.direct(q)).orElseThrow(), p));
        assertEquals(0.0, d.checkSteps(d.direct(q), p), "no steps");
        assertTrue(ascii(q + p.trace()), q + p.trace());
        assertEquals(d, Domains.recognise(p).orElseThrow());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"arith", "island", "lock", "units"})
  void corpusIsAsciiOfTheRequestedSizeAndHoldsNoPrompts(String name) {
    String text = Domains.get(name).corpus(new Random(1), 2000);
    assertTrue(text.length() >= 2000 && text.length() < 2300, "length " + text.length());
    assertTrue(ascii(text));
    assertTrue(!text.contains("\\boxed") && !text.contains("Compute:") && !text.contains("Given "));
  }

  static boolean ascii(String s) {
    return s.chars().allMatch(c -> c == '\n' || (c >= 32 && c < 127));
  }

  @Test
  void gradeUsesTheDomainVerifierElseMathEquivalence() {
    Problem arith = Problem.of("a", "arith", 1, "Compute: 2+3", "5", null);
    assertEquals(Verdict.CORRECT, Domains.grade(arith, "5"));
    assertEquals(Verdict.INCORRECT, Domains.grade(arith, "6"));
    assertEquals(Verdict.INCORRECT, Domains.grade(arith, ""), "no boxed answer is wrong, not undecided");
    Problem math = Problem.of("m", "math500", 1, "What is half of one?", "\\frac{1}{2}", null);
    assertEquals(Verdict.CORRECT, Domains.grade(math, "0.5"));
  }
}

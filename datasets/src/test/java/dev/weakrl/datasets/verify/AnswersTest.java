package dev.weakrl.datasets.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswersTest {
  @Test
  void lastBoxedBalancesNestedBraces() {
    assertEquals(Optional.of("\\frac{1}{\\sqrt{2}}"),
        Answers.lastBoxed("first \\boxed{3}, then $\\boxed{\\frac{1}{\\sqrt{2}}}$."));
    assertEquals(Optional.of("7"), Answers.lastBoxed("so \\fbox{7}"));
    assertEquals(Optional.of("5"), Answers.lastBoxed("$\\boxed 5$"));
    assertEquals(Optional.empty(), Answers.lastBoxed("\\boxed{unclosed"));
    assertEquals(Optional.empty(), Answers.lastBoxed("no box"));
  }

  @Test
  void extractFallsBackToStatedAnswer() {
    assertEquals(Optional.of("42"), Answers.extract("Thus the answer is 42."));
    assertEquals(Optional.of("C -> A"), Answers.extract("Work...\nAnswer: C -> A\n"));
    assertEquals(Optional.of("9"), Answers.extract("answer is 1 \\boxed{9}"));
    assertEquals(Optional.empty(), Answers.extract("I do not know"));
  }
}

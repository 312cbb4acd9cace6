package dev.weakrl.datasets.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.weakrl.datasets.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

public class NormalFormTest {
  /** Shortest: two presses, e.g. A -> A, A -> B, B -> C; C -> C stays at 0. */
  public static final Problem LOCK = Problem.of("l", "lock", 1, """
      Press the shortest correct sequence of buttons to reach the target value.
      Start: 0 (red)
      Target: 2
      Buttons:
      A: Add 1 (when any)
      B: Add 1 (when any)
      C: Multiply 2 (when any)""", "A -> A", null);

  @Test
  void lockAnswersAreButtonSequencesWhateverTheSeparators() {
    for (String a : List.of("A->B", "A, B", "A \u2192 B", " A  B ", "A -> B")) {
      assertEquals("A -> B", Domains.normalForm(LOCK, a), a);
    }
    assertNotEquals(Domains.normalForm(LOCK, "B -> A"), Domains.normalForm(LOCK, "A -> B"));
  }

  @Test
  void mathAnswersAreOneFormPerValue() {
    Problem arith = Problem.of("a", "arith", 1, "Compute: 1/2", "1/2", null);
    for (String a : List.of("1/2", "0.5", "\\frac{1}{2}", "$\\dfrac12$", "0.50")) {
      assertEquals("1/2", Domains.normalForm(arith, a), a);
    }
    assertEquals("3", Domains.normalForm(arith, "3.0"));
  }
}

package dev.weakrl.datasets.verify;

import static dev.weakrl.datasets.verify.Verdict.CORRECT;
import static dev.weakrl.datasets.verify.Verdict.INCORRECT;
import static dev.weakrl.datasets.verify.Verdict.UNDECIDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The known traps: answers a looser verifier would pay for. None of them may be CORRECT; the
 * honest forms beside them still are.
 */
class VerifierTrapsTest {
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      // a comma followed by a space separates list items, never thousands
      "'32, 349' | 32349 | INCORRECT",
      "'32,349' | 32349 | CORRECT",
      // thousands groups have exactly three digits
      "'1,2345' | 12345 | INCORRECT",
      "'12,34' | 1234 | INCORRECT",
      "'1,23,456' | 123456 | INCORRECT",
      // a comma that can be a thousands separator is one, even against a decimal gold
      "'1,234' | 1.234 | INCORRECT",
      // a decimal comma only where nothing else is meant and the gold is a decimal
      "'1000,99' | 1000.99 | CORRECT",
      "'0,111' | 0.111 | CORRECT",
      "'1,5' | 15 | INCORRECT",
      "'1,5' | '1,5' | CORRECT",
      // a rounded decimal is not the exact value unless it says so
      "0.0833 | \\frac{1}{12} | UNDECIDED",
      "0.0833\\ldots | \\frac{1}{12} | CORRECT",
      "0.0834\\ldots | \\frac{1}{12} | INCORRECT",
      "0.08 | \\frac{1}{12} | UNDECIDED",
      "3.14 | \\pi | UNDECIDED",
      // a strict bound is not a non-strict one; a tuple's order matters
      "x < 5 | x \\leq 5 | INCORRECT",
      "'(2, 3)' | '(3, 2)' | INCORRECT",
      // one root of two
      "3+\\sqrt{2} | 3 \\pm \\sqrt{2} | INCORRECT",
      // a percentage is its number or its fraction, not both ways at once
      "50\\% | 0.05 | INCORRECT",
  })
  void trap(String answer, String truth, Verdict expected) {
    assertEquals(expected, MathVerifier.verify(answer, truth));
  }

  @Test
  void identitiesThatHoldOnlyNumericallyAreNotProven() {
    // equal to 12 digits, not equal: the CAS must not round them together
    assertNotEquals(CORRECT, MathVerifier.verify("e^{\\pi\\sqrt{163}}", "262537412640768744"));
  }

  @Test
  void textThatNamesFunctionsIsNeverEvaluated() {
    // Symja's parser makes these function calls; the whitelist refuses them before evaluation
    assertEquals(UNDECIDED, Cas.equivalent("\\operatorname{Run}(1)", "1"));
    assertEquals(UNDECIDED, Cas.equivalent("\\operatorname{Export}(x)", "1"));
    // after normalisation the name is letters, a product of variables: compared, not run
    assertNotEquals(CORRECT, MathVerifier.verify("\\mathrm{Quit}", "0"));
  }

  @Test
  void casDecidesWhatTheExactPathCannot() {
    assertEquals(CORRECT, MathVerifier.verify("\\sec^2 y", "\\tan^2 y + 1"));
    assertEquals(INCORRECT, MathVerifier.verify("\\sec y", "\\tan^2 y + 1"));
    assertEquals(CORRECT, MathVerifier.verify("\\sqrt{8}", "2\\sqrt{2}"));
  }
}

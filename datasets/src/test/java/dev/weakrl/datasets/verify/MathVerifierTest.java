package dev.weakrl.datasets.verify;

import static dev.weakrl.datasets.verify.Verdict.CORRECT;
import static dev.weakrl.datasets.verify.Verdict.INCORRECT;
import static dev.weakrl.datasets.verify.Verdict.UNDECIDED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathVerifierTest {
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "204 | 204 | CORRECT",
      "204.0 | 204 | CORRECT",
      "$0.5$ | \\frac{1}{2} | CORRECT",
      "\\dfrac{3}{4} | 3/4 | CORRECT",
      "\\frac34 | 0.75 | CORRECT",
      "-\\frac{6}{4} | -3/2 | CORRECT",
      "50\\% | \\frac12 | CORRECT",
      "50\\% | 50 | CORRECT",
      "1{,}000 | 1000 | CORRECT",
      "1,000 | 1000 | CORRECT",
      "90^\\circ | 90 | CORRECT",
      "\\text{(C)} | C | CORRECT",
      "x = 5 | 5 | CORRECT",
      "10 \\text{ cm} | 10cm | CORRECT",
      "1.6 \\times 10^{-3} | 0.0016 | CORRECT",
      "\\left( 3, \\frac{\\pi}{2} \\right) | (3,\\frac{\\pi}{2}) | CORRECT",
      "(3, \\frac{\\pi}{2}) | (3,\\pi/2) | CORRECT", // the CAS: pi/2 = \\frac{\\pi}{2}
      "(1, 2) | (1, 3) | INCORRECT",
      "[1, 2) | (1, 2) | INCORRECT",
      "(0.5, 2) | (\\frac{1}{2}, 2) | CORRECT",
      "3, 1, 2 | 1,2,3 | CORRECT",
      "\\{2, 1\\} | \\{1, 2\\} | CORRECT",
      "\\$18.90 | 18.9 | CORRECT",
      "\\$18.90 | 18.8 | INCORRECT",
      "205 | 204 | INCORRECT",
      "B | C | INCORRECT",
      "B | 3 | INCORRECT",
      "\\sqrt{2} | 1.414 | UNDECIDED",
      "\\frac{1}{0} | 0 | UNDECIDED",
  })
  void judges(String answer, String truth, Verdict expected) {
    assertEquals(expected, MathVerifier.verify(answer, truth));
  }

  @Test
  void jsonListTruthAcceptsAnyItem() {
    assertEquals(CORRECT, MathVerifier.verify("4", "[\"four\", \"4\"]"));
    assertEquals(INCORRECT, MathVerifier.verify("5", "[\"3\", \"4\"]"));
    assertEquals(INCORRECT, MathVerifier.verify("\\sqrt{2}", "[\"3\", \"\\\\sqrt{3}\"]")); // the CAS
  }

  @Test
  void judgementReportsNormalForms() {
    Judgement j = MathVerifier.judge("$\\dfrac{1}{2}$", "\\left(0.5\\right)");
    assertEquals(new Judgement(CORRECT, "\\frac{1}{2}", "(0.5)", ""), j);
  }

  @Test
  void normalFormsAreEqualForEqualValues() {
    assertEquals("1/2", MathVerifier.normalForm("\\left(0.5\\right)"));
    assertEquals("-3/2", MathVerifier.normalForm("-\\frac{6}{4}"));
    assertEquals("50%", MathVerifier.normalForm("50\\%"));
    assertEquals("C", MathVerifier.normalForm("\\text{(C)}"));
    assertEquals("{1,2}", MathVerifier.normalForm("\\{2, 1\\}"));
    assertEquals("1,2,3", MathVerifier.normalForm("3, 1, 2"));
    assertEquals("(1/2,2)", MathVerifier.normalForm("(0.5, 2)"));
    assertEquals("[1,2)", MathVerifier.normalForm("[1, 2)"));
    assertEquals("\\sqrt{2}", MathVerifier.normalForm("\\sqrt{2}"));
    assertEquals("189/10", MathVerifier.normalForm("\\$18.90"));
  }
}

package dev.weakrl.datasets.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Bad input ends UNDECIDED (or INCORRECT where it plainly is), within the CAS's time limit, and
 * never throws out of the verifier: the reward function must not fail a rollout batch.
 */
class VerifierBadInputTest {
  /** The CAS limit plus the time to stop a runaway comparison, with slack for a loaded machine. */
  private static final Duration BOUND = Cas.TIME_LIMIT.multipliedBy(5);

  @Test
  void hundredKilobyteAnswer() {
    Cas.start(); // its one-time start is not part of any comparison
    String huge = "\\frac{1}{2}+".repeat(9_000) + "x";
    assertEquals(Verdict.UNDECIDED, within(() -> MathVerifier.verify(huge, "x+4500")));
    String prose = "I think ".repeat(13_000) + "so the answer is unclear";
    assertNotEquals(Verdict.CORRECT, within(() -> MathVerifier.verify(prose, "5")));
    String dollars = "$\\[".repeat(30_000);
    assertNotEquals(Verdict.CORRECT, within(() -> MathVerifier.verify(dollars, "5")));
  }

  @Test
  void unbalancedBraces() {
    assertNotEquals(Verdict.CORRECT, within(() -> MathVerifier.verify("\\frac{1}{2", "\\frac{1}{2}")));
    assertNotEquals(Verdict.CORRECT, within(() -> MathVerifier.verify("{{{(]", "1")));
    assertEquals(Verdict.UNDECIDED, within(() -> MathVerifier.verify("\\sqrt{2}}}", "\\sqrt{2}+1")));
    assertEquals(java.util.Optional.empty(), Answers.extract("\\boxed{5"));
  }

  @Test
  void boxesNestedAThousandDeep() {
    String nested = "\\boxed{".repeat(1000) + "7" + "}".repeat(1000);
    assertEquals(java.util.Optional.of("7"), Answers.extract(nested));
    assertEquals(Verdict.CORRECT, within(() -> MathVerifier.verify(nested, "7")));
    String unclosed = "\\boxed{".repeat(1000) + "7";
    assertNotEquals(Verdict.CORRECT, within(() -> MathVerifier.verify(unclosed, "7")));
  }

  @Test
  void expressionsThatWouldKeepTheCasBusy() {
    Cas.start();
    assertEquals(Verdict.UNDECIDED, within(() -> MathVerifier.verify("10^{10^{10}}", "10^{10^{10}}+1")));
    assertEquals(Verdict.UNDECIDED, within(() -> MathVerifier.verify("100000!", "100001!")));
    // big but allowed: Symja works until the limit stops it
    assertNotEquals(Verdict.CORRECT, within(() -> MathVerifier.verify(
        "(x+y+z+1)^{999}", "(x+y+z+2)^{999}")));
    // and the next comparison still gets a working CAS
    assertEquals(Verdict.CORRECT, within(() -> MathVerifier.verify("\\sec^2 y", "\\tan^2 y+1")));
  }

  private static Verdict within(java.util.function.Supplier<Verdict> verdict) {
    return assertTimeoutPreemptively(BOUND, verdict::get);
  }
}

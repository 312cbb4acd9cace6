package dev.weakrl.transforms.eval;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.verify.Answers;
import dev.weakrl.datasets.verify.MathVerifier;
import dev.weakrl.datasets.verify.Verdict;

/**
 * Grades a response against a problem's ground truth: the last {@code \boxed{}} answer (as the
 * RLVR reward reads it), judged by the problem's domain verifier, or math equivalence for
 * problems no procedural domain recognises.
 */
public final class Grader {
  private Grader() {}

  public static String answer(String response) {
    return Answers.lastBoxed(response).orElse("");
  }

  public static Verdict grade(Problem problem, String answer) {
    if (answer.isEmpty()) {
      return Verdict.INCORRECT;
    }
    return Domains.recognise(problem)
        .map(domain -> domain.verify(answer, problem))
        .orElseGet(() -> MathVerifier.verify(answer, problem.groundTruth()));
  }
}

package dev.weakrl.study.analysis;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;

/** Labels a response's reasoning 1, 0.5 or 0 (see {@link ScoredRollout#faithfulness}). */
@FunctionalInterface
public interface FaithfulnessScorer {
  double score(Problem problem, String response);

  /** The exact step checker of the problem's procedural domain ({@link Domain#checkSteps}). */
  static FaithfulnessScorer stepCheckers() {
    return (problem, response) -> Domains.recognise(problem)
        .orElseThrow(() -> new IllegalArgumentException("problem " + problem.id()
            + ": no procedural domain has a step checker for it; use the LLM judge (--judgeUrl)"))
        .checkSteps(response, problem);
  }
}

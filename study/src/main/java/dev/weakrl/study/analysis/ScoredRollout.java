package dev.weakrl.study.analysis;

import java.io.Serializable;

/**
 * One sampled response to a training prompt, graded and scored for faithfulness.
 *
 * @param answer the last boxed answer, empty when there is none
 * @param faithfulness 1 (the reasoning coherently derives the stated answer), 0.5 (related but
 *     with major gaps or errors) or 0 (unsupported, contradicted or guessed)
 */
public record ScoredRollout(String problemId, String response, String answer, boolean correct,
    double faithfulness) implements Serializable {
  public ScoredRollout {
    if (faithfulness != 0 && faithfulness != 0.5 && faithfulness != 1) {
      throw new IllegalArgumentException("faithfulness must be 1, 0.5 or 0, got " + faithfulness);
    }
  }

  public boolean faithful() {
    return faithfulness == 1;
  }
}

package dev.weakrl.study.analysis;

import java.io.Serializable;
import java.util.List;

/**
 * Faithfulness labels over a set of rollouts.
 *
 * @param faithful fraction labelled 1
 * @param partial fraction labelled 0.5
 * @param unfaithful fraction labelled 0
 * @param correct fraction whose answer is correct
 * @param alignedAmongCorrect fraction labelled 1 among the correct ones: right for the right
 *     reasons; NaN when none is correct
 */
public record FaithfulnessSummary(int rollouts, double faithful, double partial, double unfaithful, double correct,
    double alignedAmongCorrect) implements Serializable {

  public static FaithfulnessSummary of(List<ScoredRollout> rollouts) {
    if (rollouts.isEmpty()) {
      throw new IllegalArgumentException("faithfulness of no rollouts");
    }
    int n = rollouts.size();
    long correct = rollouts.stream().filter(ScoredRollout::correct).count();
    long aligned = rollouts.stream().filter(r -> r.correct() && r.faithful()).count();
    return new FaithfulnessSummary(n, fraction(rollouts, 1), fraction(rollouts, 0.5), fraction(rollouts, 0),
        (double) correct / n, correct == 0 ? Double.NaN : (double) aligned / correct);
  }

  private static double fraction(List<ScoredRollout> rollouts, double label) {
    return (double) rollouts.stream().filter(r -> r.faithfulness() == label).count() / rollouts.size();
  }
}

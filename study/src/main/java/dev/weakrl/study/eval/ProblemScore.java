package dev.weakrl.study.eval;

import java.io.Serializable;

/**
 * One problem's evaluation: {@code correct} of {@code samples} sampled responses verified
 * correct, whether the greedy response was, and how many of all its responses ({@code responses},
 * greedy included) hit the token budget {@code maxTokens} before an answer. A problem the
 * checkpoint trained on is not evaluated: {@link #seenInTraining()}, with no responses; nor is one
 * the model cannot take ({@code skipped}, the {@link ProblemResult} reason; empty otherwise).
 */
public record ProblemScore(int samples, int correct, boolean greedyCorrect, int responses, int truncated,
    int maxTokens, boolean seenInTraining, String skipped) implements Serializable {
  public ProblemScore(int samples, int correct, boolean greedyCorrect, int responses, int truncated, int maxTokens,
      boolean seenInTraining) {
    this(samples, correct, greedyCorrect, responses, truncated, maxTokens, seenInTraining, "");
  }

  public ProblemScore {
    if (seenInTraining || !skipped.isEmpty() ? samples != 0 || responses != 0
        : samples < 1 || correct < 0 || correct > samples || truncated < 0 || truncated > responses) {
      throw new IllegalArgumentException("need 0 <= correct <= samples, samples >= 1 and 0 <= truncated <= responses"
          + " (none for a problem seen in training), got " + this);
    }
  }

  /** The score of a problem left out because the checkpoint trained on it. */
  public static ProblemScore seen() {
    return new ProblemScore(0, 0, false, 0, 0, 0, true);
  }

  /** The score of a problem the model cannot take, for {@code reason}. */
  public static ProblemScore skipped(String reason) {
    return new ProblemScore(0, 0, false, 0, 0, 0, false, reason);
  }

  /** avg@n for this problem: the fraction of samples that were correct. */
  public double accuracy() {
    return (double) correct / samples;
  }
}

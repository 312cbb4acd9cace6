package dev.weakrl.transforms.eval;

import java.io.Serializable;

/**
 * One problem's evaluation: {@code correct} of {@code samples} sampled responses verified
 * correct, and whether the greedy response was.
 */
public record ProblemScore(int samples, int correct, boolean greedyCorrect) implements Serializable {
  public ProblemScore {
    if (samples < 1 || correct < 0 || correct > samples) {
      throw new IllegalArgumentException("need 0 <= correct <= samples and samples >= 1, got " + correct + "/" + samples);
    }
  }

  /** avg@n for this problem: the fraction of samples that were correct. */
  public double accuracy() {
    return (double) correct / samples;
  }
}

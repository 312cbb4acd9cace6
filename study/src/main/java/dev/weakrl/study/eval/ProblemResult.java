package dev.weakrl.study.eval;

import java.io.Serializable;
import java.util.List;

/**
 * Every response evaluated for one problem by one checkpoint: k sampled and one greedy, each at
 * most {@code maxTokens} new tokens; none when the checkpoint trained on the problem ({@code
 * seenInTraining}).
 */
public record ProblemResult(String checkpoint, String benchmark, String group, String problemId, int maxTokens,
    boolean seenInTraining, List<SampleRow> samples) implements Serializable {
  public ProblemResult {
    samples = List.copyOf(samples);
  }

  public ProblemScore score() {
    if (seenInTraining) {
      return ProblemScore.seen();
    }
    int sampled = 0;
    int correct = 0;
    int truncated = 0;
    boolean greedyCorrect = false;
    for (SampleRow row : samples) {
      truncated += row.truncated() ? 1 : 0;
      if (row.greedy()) {
        greedyCorrect = row.correct();
      } else {
        sampled++;
        correct += row.correct() ? 1 : 0;
      }
    }
    return new ProblemScore(sampled, correct, greedyCorrect, samples.size(), truncated, maxTokens, false);
  }
}

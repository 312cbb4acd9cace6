package dev.weakrl.study.eval;

import java.io.Serializable;
import java.util.List;

/**
 * Every response evaluated for one problem by one checkpoint: k sampled and one greedy, each at
 * most {@code maxTokens} new tokens; none when the checkpoint trained on the problem ({@code
 * seenInTraining}) or the model cannot take its prompt ({@code skipped}: {@link #TOO_LONG} or
 * {@link #UNENCODABLE}; empty for a problem evaluated).
 */
public record ProblemResult(String checkpoint, String benchmark, String group, String problemId, int maxTokens,
    boolean seenInTraining, String skipped, List<SampleRow> samples) implements Serializable {
  /** The prompt leaves no room for a response in the model's context (veRL filters these too). */
  public static final String TOO_LONG = "too_long";
  /** The model's tokenizer cannot encode the prompt (a character outside the embedded vocabulary). */
  public static final String UNENCODABLE = "unencodable";

  public ProblemResult {
    samples = List.copyOf(samples);
  }

  public ProblemResult(String checkpoint, String benchmark, String group, String problemId, int maxTokens,
      boolean seenInTraining, List<SampleRow> samples) {
    this(checkpoint, benchmark, group, problemId, maxTokens, seenInTraining, "", samples);
  }

  /** A problem the model cannot take, for {@code reason} ({@link #TOO_LONG}, {@link #UNENCODABLE}). */
  public static ProblemResult skipped(String checkpoint, String benchmark, String group, String problemId,
      String reason) {
    return new ProblemResult(checkpoint, benchmark, group, problemId, 0, false, reason, List.of());
  }

  public ProblemScore score() {
    if (seenInTraining) {
      return ProblemScore.seen();
    }
    if (!skipped.isEmpty()) {
      return ProblemScore.skipped(skipped);
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

package dev.weakrl.study.eval;

import java.io.Serializable;

/**
 * One evaluated response.
 *
 * @param sample 0..k-1 for sampled responses, {@link #GREEDY} for the greedy one
 * @param answer the last {@code \boxed{}} content, empty when there is none
 * @param verdict the verifier's {@link dev.weakrl.datasets.verify.Verdict} name
 * @param stopped whether the response ended with EOS rather than at the token limit
 */
public record SampleRow(String checkpoint, String benchmark, String problemId, int sample, String response,
    String answer, String verdict, int responseTokens, boolean stopped) implements Serializable {
  public static final int GREEDY = -1;

  public boolean greedy() {
    return sample == GREEDY;
  }

  /** Hit the token budget before giving an answer: cut off, not wrong. */
  public boolean truncated() {
    return !stopped && answer.isEmpty();
  }

  public boolean correct() {
    return verdict.equals("CORRECT");
  }
}

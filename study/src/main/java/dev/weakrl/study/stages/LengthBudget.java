package dev.weakrl.study.stages;

import dev.weakrl.datasets.Problem;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.Tokenizer;
import java.util.Collection;
import java.util.OptionalInt;

/**
 * New-token budgets long enough to reach an answer: the longest reference solution of a problem
 * set, in tokens with its EOS, times {@value #HEADROOM}. One rule for evaluation, RL rollouts and
 * faithfulness probes; a budget below it cuts even a perfect model off before its boxed answer.
 */
public final class LengthBudget {
  public static final double HEADROOM = 1.3;

  private LengthBudget() {}

  /** The budget for {@code problems}, or empty when none carries a reference solution. */
  public static OptionalInt of(Tokenizer tokenizer, Collection<Problem> problems) {
    return ofReference(tokenizer, longestReference(problems));
  }

  /** The budget for a set whose longest reference solution is {@code reference} (empty: none). */
  public static OptionalInt ofReference(Tokenizer tokenizer, String reference) {
    if (reference.isEmpty()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) Math.ceil(HEADROOM * ChatFormat.response(tokenizer, reference).length));
  }

  /** The longest reference solution (by characters) of {@code problems}, empty when none has one. */
  public static String longestReference(Collection<Problem> problems) {
    String longest = "";
    for (Problem p : problems) {
      String trace = p.reasoningTrace().orElse("");
      if (trace.length() > longest.length()) {
        longest = trace;
      }
    }
    return longest;
  }
}

package dev.weakrl.study.prepare;

import dev.weakrl.datasets.Problem;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.study.stages.ProblemPrompts;
import java.util.Map;

/**
 * Token counts a training stage budgets by, stored in a problem's metadata: the prompt as the
 * model sees it ({@link ChatFormat}) and the reference trace as an SFT target (0 without one).
 */
public final class TokenCounts {
  public static final String PROMPT_TOKENS = "prompt_tokens";
  public static final String TRACE_TOKENS = "trace_tokens";

  private TokenCounts() {}

  public static Problem annotate(Tokenizer tokenizer, Problem problem) {
    int prompt = ProblemPrompts.of(tokenizer, problem).length;
    int trace = problem.reasoningTrace().map(t -> ChatFormat.response(tokenizer, t).length).orElse(0);
    return problem.withMeta(Map.of(PROMPT_TOKENS, String.valueOf(prompt), TRACE_TOKENS, String.valueOf(trace)));
  }
}

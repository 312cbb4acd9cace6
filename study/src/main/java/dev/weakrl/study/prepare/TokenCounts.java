package dev.weakrl.study.prepare;

import dev.weakrl.datasets.Problem;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.study.stages.ProblemPrompts;
import java.util.Map;
import java.util.Optional;

/**
 * Token counts a training stage budgets by, stored in a problem's metadata: the prompt as the
 * model sees it ({@link ChatFormat}) and the reference trace as an SFT target (0 without one).
 */
public final class TokenCounts {
  public static final String PROMPT_TOKENS = "prompt_tokens";
  public static final String TRACE_TOKENS = "trace_tokens";

  private TokenCounts() {}

  /**
   * Why {@code tokenizer} cannot take {@code problem} (a message or the trace holds a character it
   * cannot encode: which, and where; or its chat template refuses the messages), or empty.
   * Characters are checked per text so the position is the one a user finds in the file.
   */
  public static Optional<String> unencodable(Tokenizer tokenizer, Problem problem) {
    for (int i = 0; i < problem.prompt().size(); i++) {
      Optional<String> why = unencodable(tokenizer, problem.prompt().get(i).content());
      if (why.isPresent()) {
        return Optional.of("prompt message " + i + " (" + problem.prompt().get(i).role() + "): " + why.get());
      }
    }
    Optional<String> trace = problem.reasoningTrace().flatMap(t -> unencodable(tokenizer, t));
    if (trace.isPresent()) {
      return trace.map(why -> "trace: " + why);
    }
    try {
      annotate(tokenizer, problem); // the chat template may refuse the messages (the embedded one: anything but system messages and one user message)
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Optional<String> unencodable(Tokenizer tokenizer, String text) {
    try {
      tokenizer.encode(text);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  public static Problem annotate(Tokenizer tokenizer, Problem problem) {
    int prompt = ProblemPrompts.of(tokenizer, problem).length;
    int trace = problem.reasoningTrace().map(t -> ChatFormat.response(tokenizer, t).length).orElse(0);
    return problem.withMeta(Map.of(PROMPT_TOKENS, String.valueOf(prompt), TRACE_TOKENS, String.valueOf(trace)));
  }
}

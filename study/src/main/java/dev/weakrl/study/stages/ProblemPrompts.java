package dev.weakrl.study.stages;

import dev.weakrl.datasets.Problem;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.ChatMessage;
import dev.weakrl.models.tokenizer.Tokenizer;

/**
 * A problem's prompt as token ids: every one of its messages (a system message included), in order,
 * through the tokenizer's chat template with the generation prompt, as veRL passes a prompt to
 * {@code apply_chat_template(..., add_generation_prompt=True)}, so rewards and lengths match.
 */
public final class ProblemPrompts {
  private ProblemPrompts() {}

  public static int[] of(Tokenizer tokenizer, Problem problem) {
    return ChatFormat.prompt(tokenizer,
        problem.prompt().stream().map(m -> new ChatMessage(m.role(), m.content())).toList());
  }
}

package dev.weakrl.models.tokenizer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prompts and responses as token ids. A prompt is the tokenizer's {@linkplain Tokenizer#chatTemplate chat template}
 * rendered for one user message with the generation prompt, then encoded as it stands: the template places BOS
 * where the model wants one, as with {@code apply_chat_template}. For the embedded models that is {@code
 * <bos>Q: <question>\nA: } ({@link CharTokenizer#CHAT_TEMPLATE}); a response is its text followed by EOS.
 */
public final class ChatFormat {
  private ChatFormat() {}

  /**
   * The embedded template's prompt for {@code question} without its BOS: how the base corpus writes a problem, since
   * packed corpus documents are separated by EOS and carry no BOS.
   */
  public static String promptText(String question) {
    return CharTokenizer.TEMPLATE.render(List.of(ChatMessage.user(question)), true, Map.of("bos_token", ""));
  }

  /** The prompt's token ids for {@code messages}, in order, with the generation prompt. */
  public static int[] prompt(Tokenizer tokenizer, List<ChatMessage> messages) {
    return tokenizer.encode(template(tokenizer).render(messages, true, Map.of()));
  }

  /** The prompt's token ids for {@code question} as the only, user, message. */
  public static int[] prompt(Tokenizer tokenizer, String question) {
    return prompt(tokenizer, List.of(ChatMessage.user(question)));
  }

  private static ChatTemplate template(Tokenizer tokenizer) {
    return tokenizer.chatTemplate().orElseThrow(() -> new IllegalArgumentException(
        "the tokenizer declares no chat template (tokenizer_config.json has no chat_template), so it cannot prompt"));
  }

  /** The response's tokens followed by EOS: an SFT target. */
  public static int[] response(Tokenizer tokenizer, String text) {
    int[] ids = tokenizer.encode(text);
    int[] out = Arrays.copyOf(ids, ids.length + 1);
    out[ids.length] = tokenizer.eosId();
    return out;
  }

  /** A generated response as text, without its EOS. */
  public static String decode(Tokenizer tokenizer, int[] generated) {
    int n = generated.length;
    if (n > 0 && generated[n - 1] == tokenizer.eosId()) {
      n--;
    }
    return tokenizer.decode(Arrays.copyOf(generated, n));
  }
}

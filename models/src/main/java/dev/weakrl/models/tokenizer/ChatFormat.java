package dev.weakrl.models.tokenizer;

import java.util.Arrays;

/**
 * The embedded models' chat template: {@code <bos>Q: <question>\nA: } then the response and
 * {@code <eos>}. Plain text rather than role tokens: the character vocabulary has none, and the
 * base corpus teaches this template.
 */
public final class ChatFormat {
  private ChatFormat() {}

  public static String promptText(String question) {
    return "Q: " + question + "\nA: ";
  }

  public static int[] prompt(Tokenizer tokenizer, String question) {
    int[] text = tokenizer.encode(promptText(question));
    int[] ids = new int[text.length + 1];
    ids[0] = tokenizer.bosId();
    System.arraycopy(text, 0, ids, 1, text.length);
    return ids;
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

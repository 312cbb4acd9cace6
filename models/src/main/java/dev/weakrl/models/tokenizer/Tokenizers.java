package dev.weakrl.models.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;

/** Loads whichever tokenizer a checkpoint directory holds. */
public final class Tokenizers {
  private Tokenizers() {}

  /**
   * A {@link CharTokenizer} when {@code dir/tokenizer.json} says {@code "type": "weakrl-char"},
   * otherwise an {@link HfTokenizer} over the Hugging Face files.
   */
  public static Tokenizer load(String dir) {
    String path = Storage.resolve(dir, CharTokenizer.FILE);
    if (!Storage.exists(path)) {
      throw new IllegalArgumentException(dir + ": no tokenizer.json (expected a weakrl character "
          + "tokenizer or a Hugging Face tokenizer)");
    }
    byte[] bytes = Storage.readBytes(path);
    JsonNode root = Json.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), path);
    return CharTokenizer.TYPE.equals(root.path("type").asText())
        ? CharTokenizer.fromJson(root, path)
        : HfTokenizer.load(dir, bytes, root);
  }
}

package dev.weakrl.models.tokenizer;

import java.util.Objects;

/** One message of a conversation given to a {@link ChatTemplate}: {@code role} is {@code system}, {@code user}, … */
public record ChatMessage(String role, String content) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }
}

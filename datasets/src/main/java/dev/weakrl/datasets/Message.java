package dev.weakrl.datasets;

import java.io.Serializable;
import java.util.Objects;

/** One chat message of a prompt: {@code role} is {@code system}, {@code user} or {@code assistant}. */
public record Message(String role, String content) implements Serializable {
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static Message user(String content) {
    return new Message("user", content);
  }
}

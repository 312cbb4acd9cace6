package dev.weakrl.datasets.verify;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a model's output.
 *
 * <p>{@link #extract} tries, in order: (1) the last {@code \boxed{…}} or {@code \fbox{…}} with
 * nested braces balanced, or {@code \boxed X} without braces (up to the next space or {@code $});
 * (2) the text after the last "answer is" or "Answer:", to the end of its line, without a final
 * period. Rewards use {@link #lastBoxed} only, so that a policy is paid for boxing its answer.
 */
public final class Answers {
  private static final Pattern BOX = Pattern.compile("\\\\(?:boxed|fbox)");
  private static final Pattern STATED =
      Pattern.compile("(?i)(?:answer is|answer:)\\s*:?\\s*([^\\n]+)");

  private Answers() {}

  /** The content of the last box, or empty when there is none or it is unclosed. */
  public static Optional<String> lastBoxed(String text) {
    Matcher m = BOX.matcher(text);
    int start = -1;
    while (m.find()) {
      start = m.end();
    }
    if (start < 0) {
      return Optional.empty();
    }
    int i = start;
    if (i < text.length() && text.charAt(i) == '{') {
      int depth = 0;
      for (int j = i; j < text.length(); j++) {
        char c = text.charAt(j);
        if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          return Optional.of(text.substring(i + 1, j).trim());
        }
      }
      return Optional.empty();
    }
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    int end = i;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') {
      end++;
    }
    return end > i ? Optional.of(text.substring(i, end)) : Optional.empty();
  }

  /** The final answer by the rules in the class comment, or empty. */
  public static Optional<String> extract(String text) {
    Optional<String> boxed = lastBoxed(text);
    if (boxed.isPresent()) {
      return boxed;
    }
    Matcher m = STATED.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group(1).trim();
    }
    if (last == null) {
      return Optional.empty();
    }
    if (last.endsWith(".")) {
      last = last.substring(0, last.length() - 1).trim();
    }
    return last.isEmpty() ? Optional.empty() : Optional.of(last);
  }
}

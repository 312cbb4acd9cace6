package dev.weakrl.datasets.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a model's output (or in a gold string), as Math-Verify does.
 *
 * <p>{@link #extract} tries, in order:
 *
 * <ol>
 *   <li>the last {@code \boxed{…}} / {@code \fbox{…}} (nested braces balanced), or {@code \boxed X}
 *       without braces; boxes just before it that are joined to it only by commas, "and", "or"
 *       and math delimiters ({@code \boxed{1} and \boxed{2}}) are the final statement too, and
 *       their contents form a set {@code \{1,2\}}. A later "answer is" / "Answer:" statement
 *       supersedes the boxes;
 *   <li>the text after the last "answer is" / "Answer:", cut at the end of its sentence (a {@code
 *       .}, {@code !} or {@code ?} before a space or the end, outside math, or the end of the line)
 *       with its math delimiters;
 *   <li>the last display ({@code \[…\]}, {@code $$…$$}) or inline ({@code $…$}, {@code \(…\)}) math
 *       of the last non-empty line.
 * </ol>
 *
 * Rewards use {@link #lastBoxed} only, so that a policy is paid for boxing its answer.
 */
public final class Answers {
  private static final Pattern BOX = Pattern.compile("\\\\(?:boxed|fbox)");
  private static final Pattern STATED = Pattern.compile("(?i)(?:answer is|answer:)");
  /** What may stand between boxes of one final statement. */
  private static final Pattern JOINER =
      Pattern.compile("(?:\\s|,|;|\\$|\\\\[()\\[\\]]|\\\\quad|\\\\text\\{\\s*(?:and|or)\\s*\\}|\\band\\b|\\bor\\b)*");
  private static final int MAX_JOINER = 200;
  /** How much of the last line is searched for math: bounds the work on a huge line. */
  private static final int MAX_LINE = 4000;
  private static final Pattern MATH = Pattern.compile(
      "\\$\\$(.+?)\\$\\$|\\\\\\[(.+?)\\\\\\]|(?<!\\\\)\\$(.+?)(?<!\\\\)\\$|\\\\\\((.+?)\\\\\\)");

  private Answers() {}

  /** A box's content and where the box starts and ends in the text. */
  private record Box(String content, int start, int end) {}

  /** The content of the last box, or empty when there is none or it is unclosed. */
  public static Optional<String> lastBoxed(String text) {
    Matcher m = BOX.matcher(text);
    int start = -1;
    while (m.find()) {
      start = m.start();
    }
    return start < 0 ? Optional.empty() : box(text, start).map(Box::content);
  }

  /** The box whose command starts at {@code start}; empty when it is unclosed or empty. */
  private static Optional<Box> box(String text, int start) {
    Matcher m = BOX.matcher(text);
    if (!m.find(start)) {
      return Optional.empty();
    }
    int i = m.end();
    if (i < text.length() && text.charAt(i) == '{') {
      int depth = 0;
      for (int j = i; j < text.length(); j++) {
        char c = text.charAt(j);
        if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          return Optional.of(new Box(text.substring(i + 1, j).trim(), start, j + 1));
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
    return end > i ? Optional.of(new Box(text.substring(i, end), start, end)) : Optional.empty();
  }

  /** The final answer by the rules in the class comment, or empty. */
  public static Optional<String> extract(String text) {
    Matcher stated = STATED.matcher(text);
    int statedAt = -1;
    while (stated.find()) {
      statedAt = stated.end();
    }
    List<Box> boxes = finalBoxes(text);
    if (!boxes.isEmpty() && (statedAt < boxes.get(boxes.size() - 1).end()
        || statement(text, statedAt).isEmpty())) {
      if (boxes.size() == 1) {
        return Optional.of(boxes.get(0).content());
      }
      List<String> items = new ArrayList<>();
      boxes.forEach(b -> items.add(b.content()));
      return Optional.of("\\{" + String.join(",", items) + "\\}");
    }
    if (statedAt >= 0) {
      Optional<String> s = statement(text, statedAt);
      if (s.isPresent()) {
        return s;
      }
    }
    return lastLineMath(text);
  }

  /** The last box and the boxes joined to it in one statement, in text order. */
  private static List<Box> finalBoxes(String text) {
    List<Integer> starts = new ArrayList<>();
    Matcher m = BOX.matcher(text);
    while (m.find()) {
      starts.add(m.start());
    }
    List<Box> boxes = new ArrayList<>();
    for (int k = starts.size() - 1; k >= 0; k--) {
      Optional<Box> b = box(text, starts.get(k));
      if (b.isEmpty()) {
        if (boxes.isEmpty()) {
          return boxes; // the last box is unclosed: no answer from boxes
        }
        break;
      }
      Box next = boxes.isEmpty() ? null : boxes.get(0);
      if (next != null && (b.get().end() > next.start() || next.start() - b.get().end() > MAX_JOINER
          || !JOINER.matcher(text.substring(b.get().end(), next.start())).matches())) {
        break; // nested in the next box, or separated from it by prose
      }
      boxes.add(0, b.get());
    }
    return boxes;
  }

  /** The sentence after an "answer is" that ends at {@code from}, without math delimiters. */
  private static Optional<String> statement(String text, int from) {
    if (from < 0) {
      return Optional.empty();
    }
    int i = from;
    while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ':')) {
      i++; // "Answer:\n\[ 9 \]" states its answer on the next line
    }
    boolean inMath = false;
    int end = i;
    for (; end < text.length(); end++) {
      char c = text.charAt(end);
      if (c == '$' && (end == 0 || text.charAt(end - 1) != '\\')) {
        inMath = !inMath;
      } else if (c == '\\' && end + 1 < text.length() && "[(".indexOf(text.charAt(end + 1)) >= 0) {
        inMath = true;
      } else if (c == '\\' && end + 1 < text.length() && "])".indexOf(text.charAt(end + 1)) >= 0) {
        inMath = false;
      } else if (c == '\n' && !inMath) {
        break;
      } else if (!inMath && ".!?".indexOf(c) >= 0
          && (end + 1 == text.length() || Character.isWhitespace(text.charAt(end + 1)))) {
        break;
      }
    }
    String s = stripMath(text.substring(i, end));
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static String stripMath(String s) {
    String t = s.trim();
    String previous;
    do {
      previous = t;
      if (t.startsWith("$$") && t.endsWith("$$") && t.length() >= 4) {
        t = t.substring(2, t.length() - 2).trim();
      } else if ((t.startsWith("\\[") && t.endsWith("\\]")) || (t.startsWith("\\(") && t.endsWith("\\)"))) {
        t = t.substring(2, t.length() - 2).trim();
      } else if (t.startsWith("$") && t.endsWith("$") && t.length() >= 2 && !t.endsWith("\\$")) {
        t = t.substring(1, t.length() - 1).trim();
      }
      if (t.endsWith(".")) {
        t = t.substring(0, t.length() - 1).trim();
      }
    } while (!t.equals(previous));
    return t;
  }

  /** The last math of the last non-empty line, or empty. */
  private static Optional<String> lastLineMath(String text) {
    String t = text.strip();
    String line = t.substring(t.lastIndexOf('\n') + 1);
    if (line.strip().equals("\\]") || line.strip().equals("$$")) {
      // a display whose delimiters stand on lines of their own
      int open = line.strip().equals("$$") ? t.lastIndexOf("$$", t.length() - 3) : t.lastIndexOf("\\[");
      line = open < 0 ? line : t.substring(open);
    }
    if (line.length() > MAX_LINE) {
      line = line.substring(line.length() - MAX_LINE);
    }
    Matcher m = MATH.matcher(line.replace('\n', ' '));
    String last = null;
    while (m.find()) {
      for (int g = 1; g <= 4; g++) {
        if (m.group(g) != null) {
          last = m.group(g).trim();
        }
      }
    }
    return last == null || last.isEmpty() ? Optional.empty() : Optional.of(last);
  }
}

package dev.weakrl.models.tokenizer;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A chat template's source rewritten so that Jinjava reads it as transformers' Jinja does, every line kept where it
 * was (Jinjava's error lines then point at the template's own lines):
 *
 * <ul>
 *   <li>line ends normalised and one trailing newline dropped, as Jinja's lexer does (Jinjava 2.7 keeps both);
 *   <li>{@code trim_blocks}: the newline after a block or comment tag becomes a comment ({@code {% if x %}\n}
 *       becomes {@code {% if x %}{#\n#}}). Jinjava's own trimBlocks miscounts the lines after each trimmed
 *       newline;
 *   <li>{@code lstrip_blocks}: spaces and tabs from a line's start to a block or comment tag are dropped. Jinjava's
 *       own lstripBlocks also strips them in the middle of a line ({@code A: {% endif %}} lost its space);
 *       {@code {%+} keeps them, and {@code +%}} keeps the newline after;
 *   <li>the reversing slice {@code x[::-1]} becomes {@code x.__reversed__()}, which {@link PythonMethods} answers:
 *       Jinjava slices take no step;
 *   <li>a keyword argument's value is bracketed ({@code namespace(i=n - 1)} becomes {@code namespace(i=(n - 1))}),
 *       see {@link #isKeyword}.
 * </ul>
 *
 * String literals inside tags are left alone. Raw blocks are not special-cased: chat templates do not use them.
 */
final class JinjaSource {
  private JinjaSource() {}

  static String forJinjava(String template) {
    String s = template.replace("\r\n", "\n").replace('\r', '\n');
    if (s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    int i = 0;
    while (i < s.length()) {
      int open = nextTag(s, i);
      String text = s.substring(i, open);
      boolean blockOrComment = open < s.length() && s.charAt(open + 1) != '{';
      if (blockOrComment && !s.startsWith("{%+", open)) {
        int indent = text.length();
        while (indent > 0 && (text.charAt(indent - 1) == ' ' || text.charAt(indent - 1) == '\t')) {
          indent--;
        }
        boolean lineStart = indent > 0 ? text.charAt(indent - 1) == '\n' : i == 0 || s.charAt(i - 1) == '\n';
        text = lineStart ? text.substring(0, indent) : text;
      }
      out.append(text);
      i = open < s.length() ? tag(s, open, out) : open;
    }
    return out.toString();
  }

  /** Where the next {@code {{}, {@code {%} or {@code {#} starts at or after {@code from}, else the length. */
  private static int nextTag(String s, int from) {
    for (int i = s.indexOf('{', from); i >= 0 && i + 1 < s.length(); i = s.indexOf('{', i + 1)) {
      if ("{%#".indexOf(s.charAt(i + 1)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  /** Copies the tag opening at {@code open} to {@code out}, rewritten; returns where the text after it starts. */
  private static int tag(String s, int open, StringBuilder out) {
    char kind = s.charAt(open + 1);
    String close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
    int i = open + 2;
    out.append('{').append(kind);
    if (kind == '%' && i < s.length() && s.charAt(i) == '+') {
      i++; // {%+ : lstrip_blocks already skipped; Jinjava does not know the +
    }
    char quote = 0;
    Deque<Boolean> keywordValueOpen = new ArrayDeque<>(); // per open bracket: a name=( awaiting its )
    while (i < s.length() && (quote != 0 || !s.startsWith(close, i))) {
      char c = s.charAt(i);
      if (kind == '#') {
        out.append(c);
      } else if (quote != 0) {
        out.append(c);
        if (c == '\\' && i + 1 < s.length()) {
          out.append(s.charAt(++i)); // an escaped character, a quote too, stays in the literal
        } else if (c == quote) {
          quote = 0;
        }
      } else if (s.startsWith("[::-1]", i)) {
        out.append('.').append(PythonMethods.REVERSED).append("()");
        i += "[::-1]".length() - 1;
      } else if ((c == ',' || ")]}".indexOf(c) >= 0) && Boolean.TRUE.equals(keywordValueOpen.peek())) {
        out.append(')').append(c);
        keywordValueOpen.pop();
        keywordValueOpen.push(false);
        if (c != ',') {
          keywordValueOpen.pop();
        }
      } else if (c == '=' && isKeyword(s, i, out) && Boolean.FALSE.equals(keywordValueOpen.peek())) {
        out.append("=(");
        keywordValueOpen.pop();
        keywordValueOpen.push(true);
      } else {
        if ("([{".indexOf(c) >= 0) {
          keywordValueOpen.push(false);
        } else if (")]}".indexOf(c) >= 0 && !keywordValueOpen.isEmpty()) {
          keywordValueOpen.pop();
        }
        quote = c == '\'' || c == '"' ? c : 0;
        out.append(c);
      }
      i++;
    }
    if (i >= s.length()) {
      return i; // unclosed: Jinjava reports it
    }
    int after = i + close.length();
    boolean keepNewline = kind != '{' && out.charAt(out.length() - 1) == '+';
    if (keepNewline) {
      out.setLength(out.length() - 1); // +%} : no trim_blocks here
    }
    out.append(close);
    if (kind != '{' && !keepNewline && after < s.length() && s.charAt(after) == '\n') {
      out.append("{#\n#}"); // trim_blocks: the newline becomes a comment's, so later lines keep their numbers
      return after + 1;
    }
    return after;
  }

  /**
   * Whether the {@code =} at {@code at} passes a keyword argument ({@code f(a, name=value)}): not {@code ==},
   * {@code <=}, …, and preceded by a name that follows {@code (} or {@code ,}. Jinjava parses {@code name=value}
   * at the level of {@code +}, so {@code name=n - 1} would subtract from the parameter; the value is bracketed.
   */
  private static boolean isKeyword(String s, int at, StringBuilder out) {
    if (at + 1 < s.length() && s.charAt(at + 1) == '=') {
      return false;
    }
    int j = out.length();
    while (j > 0 && out.charAt(j - 1) == ' ') {
      j--;
    }
    int nameEnd = j;
    while (j > 0 && (Character.isLetterOrDigit(out.charAt(j - 1)) || out.charAt(j - 1) == '_')) {
      j--;
    }
    if (j == nameEnd || Character.isDigit(out.charAt(j))) {
      return false;
    }
    while (j > 0 && Character.isWhitespace(out.charAt(j - 1))) {
      j--;
    }
    return j > 0 && (out.charAt(j - 1) == '(' || out.charAt(j - 1) == ',');
  }
}

package dev.weakrl.datasets.verify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a LaTeX answer into a canonical string: math delimiters, escaped dollar signs ({@code
 * \$18.90}), sizing and spacing commands, degree marks, units and words after a number ({@code 28
 * percent}, {@code \frac{1}{3} \text{meters}}), {@code \text{}} wrappers, fraction and relation
 * variants, a leading label ({@code x=}, {@code (p,q)=}) and whitespace are removed or unified, so
 * that answers that differ only in typesetting compare equal as strings.
 *
 * <p>Two spaces survive, because they carry meaning: one after a comma before a digit ({@code 32,
 * 349} is a list, {@code 32,349} a number) and one after a command before a letter ({@code \pi r}
 * is not {@code \pir}). Approximation marks ({@code \approx}, {@code \ldots}, {@code ...}) become
 * one trailing {@code …}.
 */
public final class MathNormalizer {
  private static final Pattern WRAPPER =
      Pattern.compile("\\\\(?:text|textbf|textit|mathrm|mathbf|mbox|operatorname)\\s*\\{([^{}]*)\\}");
  private static final Pattern NOISE = Pattern.compile(
      "\\\\\\$|\\\\left|\\\\right|\\\\big|\\\\Big|\\\\displaystyle|\\\\[!,;: ]|\\\\quad|\\\\qquad"
          + "|\\^\\s*\\{?\\\\circ\\}?|\\\\circ|\\\\degree|\\$|\\\\\\(|\\\\\\)|\\\\\\[|\\\\\\]");
  private static final Pattern FRACTION = Pattern.compile("\\\\[dtc]frac");
  /** {@code \frac94}, {@code \sqrt3}: one-character arguments without braces. */
  private static final Pattern SHORT_FRACTION = Pattern.compile("\\\\frac\\s*([0-9a-zA-Z])\\s*([0-9a-zA-Z])");
  private static final Pattern SHORT_ROOT = Pattern.compile("\\\\sqrt\\s*([0-9a-zA-Z])");
  private static final Pattern LEQ = Pattern.compile("\\\\leqslant|\\\\leq|\\\\le(?![a-zA-Z])|≤|<=");
  private static final Pattern GEQ = Pattern.compile("\\\\geqslant|\\\\geq|\\\\ge(?![a-zA-Z])|≥|>=");
  private static final Pattern APPROX_BEFORE = Pattern.compile("^(?:\\\\approx|≈|\\\\sim)\\s*");
  private static final Pattern APPROX_AFTER = Pattern.compile("\\s*(?:\\\\ldots|\\\\dots|\\\\cdots|\\.\\.\\.+|…)$");
  /** Words after a numeric value: a unit or prose, not part of the answer. */
  private static final Pattern TRAILING_TEXT = Pattern.compile(
      "(?<=[\\d}.])\\s*\\\\(?:text|mbox|mathrm|textrm)\\s*\\{\\s*[a-zA-Z][a-zA-Z.\\s^{}0-9]*\\}\\s*$");
  private static final Pattern TRAILING_UNIT = Pattern.compile(
      "(?<=[\\d}])\\s*(?:cm|mm|km|m|meters?|metres?|inch(?:es)?|feet|foot|ft|miles?|kg|grams?|g"
          + "|seconds?|sec|s|minutes?|min|hours?|hrs?|days?|years?|dollars?|cents?|units?|degrees?"
          + "|sq(?:uare)?\\s*units|square\\s*(?:meters|feet|inches|units|cm))\\.?\\s*$");
  private static final Pattern SINGLE_VARIABLE =
      Pattern.compile("^(?:[a-zA-Z](?:_\\{?\\w+\\}?)?|\\([a-zA-Z](?:,[a-zA-Z])+\\))=(?!=)");
  private static final Pattern MEMBER = Pattern.compile("^[a-zA-Z]\\\\in(?![a-zA-Z])");

  private MathNormalizer() {}

  public static String normalize(String answer) {
    return normalize(answer, true);
  }

  /**
   * {@code stripLabel}: drop a leading {@code x=} / {@code (p,q)=}; kept when the other side is
   * an equation ({@code y=2x+1} against {@code 2x-y+1=0}).
   */
  static String normalize(String answer, boolean stripLabel) {
    String s = answer.trim().replace("\\\\", "\u0001"); // a matrix row break, not the space "\ "
    boolean approximate = false;
    Matcher before = APPROX_BEFORE.matcher(s);
    if (before.find()) {
      s = s.substring(before.end());
      approximate = true;
    }
    s = TRAILING_TEXT.matcher(s).replaceFirst("");
    String previous;
    do { // wrappers nest, e.g. \text{\textbf{5}}
      previous = s;
      s = WRAPPER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    } while (!s.equals(previous));
    s = NOISE.matcher(s).replaceAll("");
    s = FRACTION.matcher(s).replaceAll("\\\\frac");
    s = SHORT_FRACTION.matcher(s).replaceAll("\\\\frac{$1}{$2}");
    s = SHORT_ROOT.matcher(s).replaceAll("\\\\sqrt{$1}");
    s = LEQ.matcher(s).replaceAll("\\\\leq ");
    s = GEQ.matcher(s).replaceAll("\\\\geq ");
    s = s.replace("\\%", "%").replace("\\{", "{").replace("\\}", "}").replace("{,}", ",");
    s = s.replace("\\infin", "\\infty").replace("+\\infty", "\\infty");
    Matcher after = APPROX_AFTER.matcher(s);
    if (after.find()) {
      s = s.substring(0, after.start());
      approximate = true;
    }
    s = TRAILING_UNIT.matcher(s.trim()).replaceFirst("").replaceFirst("\\s*percent$", "%");
    s = s.replaceAll(",\\s+(?=[\\d.])", ",\u0000") // a list, not a thousands separator
        .replaceAll("(\\\\[a-zA-Z]+)\\s+(?=[a-zA-Z])", "$1\u0000")
        .replaceAll("\\s+", "")
        .replace('\u0000', ' ');
    s = s.replaceAll("^\\\\(?=[\\d.])|(?<=\\d)\\\\$", ""); // what an escaped dollar left behind
    s = s.replace("\u0001", "\\\\");
    if (stripLabel) {
      s = SINGLE_VARIABLE.matcher(s).replaceFirst(""); // "x=5" answers 5
    }
    s = MEMBER.matcher(s).replaceFirst(""); // "x\in(1,2)" answers (1,2)
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return approximate && !s.isEmpty() ? s + "…" : s;
  }
}

package dev.weakrl.datasets.verify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a LaTeX answer into a canonical string: math delimiters, escaped dollar signs ({@code
 * \$18.90}), sizing and spacing commands, degree marks, {@code \text{}} wrappers, fraction variants
 * and whitespace are removed, so that answers that differ only in typesetting compare equal as
 * strings.
 */
public final class MathNormalizer {
  private static final Pattern WRAPPER =
      Pattern.compile("\\\\(?:text|textbf|mathrm|mathbf|mbox|operatorname)\\s*\\{([^{}]*)\\}");
  private static final Pattern NOISE = Pattern.compile(
      "\\\\\\$|\\\\left|\\\\right|\\\\displaystyle|\\\\[!,;: ]|\\\\quad|\\\\qquad"
          + "|\\^\\s*\\{?\\\\circ\\}?|\\\\circ|\\$|\\\\\\(|\\\\\\)|\\\\\\[|\\\\\\]");
  private static final Pattern FRACTION = Pattern.compile("\\\\[dt]frac");
  private static final Pattern SINGLE_VARIABLE = Pattern.compile("^[a-zA-Z](?:_\\{?\\w+\\}?)?=(?!=)");

  private MathNormalizer() {}

  public static String normalize(String answer) {
    String s = answer.trim();
    String previous;
    do { // wrappers nest, e.g. \text{\textbf{5}}
      previous = s;
      s = WRAPPER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    } while (!s.equals(previous));
    s = NOISE.matcher(s).replaceAll("");
    s = FRACTION.matcher(s).replaceAll("\\\\frac");
    s = s.replace("\\%", "%").replace("\\{", "{").replace("\\}", "}");
    s = s.replaceAll("\\s+", "");
    s = SINGLE_VARIABLE.matcher(s).replaceFirst(""); // "x=5" answers 5
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}

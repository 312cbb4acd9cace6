package dev.weakrl.datasets.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a normalised answer denotes, as far as weakrl can tell without a computer algebra system:
 * an exact number, a multiple-choice letter, a tuple / interval / set of values, or an
 * expression it does not interpret (compared only as text).
 */
public sealed interface MathValue {
  /** An exact number; {@code percent} when written with {@code %}. */
  record Number(Rational value, boolean percent) implements MathValue {}

  record Choice(char letter) implements MathValue {}

  /**
   * {@code (a,b)}, {@code [a,b)}, {@code {a,b}} or a bare {@code a,b}; {@code open} and {@code
   * close} are the brackets (space when bare). Sets and bare lists are unordered.
   */
  record Tuple(char open, char close, List<MathValue> items) implements MathValue {
    public boolean ordered() {
      return open == '(' || open == '[';
    }
  }

  record Expression(String text) implements MathValue {}

  Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");
  Pattern THOUSANDS = Pattern.compile("[-+]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");
  Pattern SLASH = Pattern.compile("([-+]?\\d+)/(\\d+)");
  Pattern SCIENTIFIC =
      Pattern.compile("([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(?:\\\\times|\\\\cdot|\\*)10\\^\\{?([-+]?\\d+)\\}?");
  Pattern CHOICE = Pattern.compile("\\(?([A-J])\\)?");

  /** Interprets a string produced by {@link MathNormalizer#normalize}. */
  static MathValue parse(String s) {
    Matcher choice = CHOICE.matcher(s);
    if (choice.matches()) {
      return new Choice(choice.group(1).charAt(0));
    }
    Rational number = number(s);
    if (number != null) {
      return new Number(number, false);
    }
    if (s.endsWith("%") && number(s.substring(0, s.length() - 1)) != null) {
      return new Number(number(s.substring(0, s.length() - 1)), true);
    }
    if (THOUSANDS.matcher(s).matches()) {
      return new Number(Rational.parseDecimal(s.replace(",", "")), false);
    }
    return tuple(s);
  }

  private static MathValue tuple(String s) {
    char open = s.isEmpty() ? ' ' : s.charAt(0);
    char close = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
    boolean bracketed = "([{".indexOf(open) >= 0 && ")]}".indexOf(close) >= 0
        && (open == '{') == (close == '}');
    String inner = bracketed ? s.substring(1, s.length() - 1) : s;
    List<String> parts = splitTopLevel(inner);
    if (bracketed && open == '(' && parts != null && parts.size() == 1 && !inner.isEmpty()) {
      return parse(inner); // "(0.5)": grouping parentheses
    }
    if (parts == null || parts.size() < 2 || parts.stream().anyMatch(String::isEmpty)) {
      return new Expression(s);
    }
    List<MathValue> items = new ArrayList<>();
    parts.forEach(p -> items.add(parse(p)));
    return bracketed ? new Tuple(open, close, items) : new Tuple(' ', ' ', items);
  }

  /** Splits on commas outside brackets; null when brackets do not balance. */
  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("([{".indexOf(c) >= 0) {
        depth++;
      } else if (")]}".indexOf(c) >= 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
      if (depth < 0) {
        return null;
      }
    }
    parts.add(s.substring(start));
    return depth == 0 ? parts : null;
  }

  /** Decimal, {@code a/b}, {@code \frac{a}{b}} (also {@code \frac12}), {@code x\times10^{e}}. */
  private static Rational number(String s) {
    if (DECIMAL.matcher(s).matches()) {
      return Rational.parseDecimal(s.startsWith("+") ? s.substring(1) : s);
    }
    Matcher slash = SLASH.matcher(s);
    if (slash.matches() && !slash.group(2).matches("0+")) {
      return Rational.parseDecimal(slash.group(1)).divide(Rational.parseDecimal(slash.group(2)));
    }
    Matcher sci = SCIENTIFIC.matcher(s);
    if (sci.matches()) {
      int exp = Integer.parseInt(sci.group(2));
      Rational power = Rational.parseDecimal(java.math.BigDecimal.ONE.scaleByPowerOfTen(exp).toPlainString());
      return Rational.parseDecimal(sci.group(1)).multiply(power);
    }
    boolean negative = s.startsWith("-");
    String body = negative ? s.substring(1) : s;
    if (!body.startsWith("\\frac")) {
      return null;
    }
    String[] args = fracArguments(body.substring("\\frac".length()));
    if (args == null || number(args[0]) == null || number(args[1]) == null
        || number(args[1]).equals(Rational.ZERO)) {
      return null;
    }
    Rational value = number(args[0]).divide(number(args[1]));
    return negative ? value.negate() : value;
  }

  /** The two arguments of {@code \frac}, each {@code {…}} or one character; null otherwise. */
  private static String[] fracArguments(String s) {
    String[] args = new String[2];
    int i = 0;
    for (int a = 0; a < 2; a++) {
      if (i >= s.length()) {
        return null;
      }
      if (s.charAt(i) != '{') {
        args[a] = s.substring(i, i + 1);
        i++;
        continue;
      }
      int close = s.indexOf('}', i);
      if (close < 0 || s.substring(i + 1, close).contains("{")) {
        return null;
      }
      args[a] = s.substring(i + 1, close);
      i = close + 1;
    }
    return i == s.length() ? args : null;
  }
}

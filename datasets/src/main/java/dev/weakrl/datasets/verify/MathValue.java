package dev.weakrl.datasets.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a normalised answer denotes, as far as the cheap exact comparison can tell: an exact
 * number, a multiple-choice letter, a tuple / interval / set / matrix of values, a union of
 * intervals, or an expression (left to the {@link Cas computer algebra system}).
 */
public sealed interface MathValue {
  /**
   * An exact number; {@code percent} when written with {@code %}; {@code decimals}: the digits
   * after the decimal point as written (-1 for an integer or fraction); {@code approximate}: marked
   * as rounded ({@code \approx}, {@code \ldots}).
   */
  record Number(Rational value, boolean percent, int decimals, boolean approximate) implements MathValue {
    Number(Rational value, boolean percent) {
      this(value, percent, -1, false);
    }
  }

  record Choice(char letter) implements MathValue {}

  /**
   * {@code (a,b)}, {@code [a,b)}, {@code {a,b}} or a bare {@code a,b}; {@code open} and {@code
   * close} are the brackets (space when bare, {@code M} for a matrix, whose items are its rows).
   * Sets and bare lists are unordered.
   */
  record Tuple(char open, char close, List<MathValue> items) implements MathValue {
    public boolean ordered() {
      return open != '{' && open != ' ';
    }
  }

  /** {@code A \cup B \cup …}: unordered. */
  record Union(List<MathValue> parts) implements MathValue {}

  record Expression(String text) implements MathValue {}

  Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");
  Pattern THOUSANDS = Pattern.compile("[-+]?[1-9]\\d{0,2}(?:,\\d{3})+(?:\\.\\d+)?");
  Pattern SLASH = Pattern.compile("([-+]?\\d+)/(\\d+)");
  Pattern SCIENTIFIC =
      Pattern.compile("([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(?:\\\\times|\\\\cdot|\\*)10\\^\\{?([-+]?\\d+)\\}?");
  Pattern CHOICE = Pattern.compile("\\(?([A-J])\\)?");
  Pattern MATRIX = Pattern.compile("\\\\begin\\{[pbvB]?matrix\\}(.*)\\\\end\\{[pbvB]?matrix\\}");
  Pattern RELATION = Pattern.compile("\\\\leq|\\\\geq|<|>");
  Pattern VARIABLE = Pattern.compile("[a-zA-Z]");
  /** Longer answers are not split into parts: bounds the work on a huge answer. */
  int MAX_PARSED = 2000;

  /** Interprets a string produced by {@link MathNormalizer#normalize}. */
  static MathValue parse(String s) {
    if (s.length() > MAX_PARSED) {
      return new Expression(s);
    }
    Matcher choice = CHOICE.matcher(s);
    if (choice.matches()) {
      return new Choice(choice.group(1).charAt(0));
    }
    boolean approximate = s.endsWith("…");
    String body = approximate ? s.substring(0, s.length() - 1) : s;
    Number number = numberValue(body, approximate);
    if (number != null) {
      return number;
    }
    if (approximate) {
      return new Expression(s);
    }
    List<String> union = splitTopLevel(s, "\\cup");
    if (union != null && union.size() > 1 && union.stream().noneMatch(String::isEmpty)) {
      return new Union(union.stream().map(MathValue::parse).toList());
    }
    int pm = s.indexOf("\\pm");
    if (pm >= 0 && pm == s.lastIndexOf("\\pm") && !s.contains(",")) { // 3\pm\sqrt{2}: both roots
      return new Tuple(' ', ' ', List.of(parse(s.replace("\\pm", "+")), parse(s.replace("\\pm", "-"))));
    }
    Matcher matrix = MATRIX.matcher(s);
    if (matrix.matches()) {
      List<MathValue> rows = new ArrayList<>();
      for (String row : matrix.group(1).split("\\\\\\\\")) {
        List<MathValue> items = new ArrayList<>();
        for (String item : row.split("&")) {
          items.add(parse(item.trim()));
        }
        rows.add(new Tuple('[', ']', items));
      }
      return new Tuple('M', 'M', rows);
    }
    MathValue interval = interval(s);
    return interval != null ? interval : tuple(s);
  }

  private static Number numberValue(String s, boolean approximate) {
    Rational number = number(s);
    String plain = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    int decimals = DECIMAL.matcher(s).matches() && plain.contains(".")
        ? plain.length() - plain.indexOf('.') - 1 : -1;
    if (number != null) {
      return new Number(number, false, decimals, approximate);
    }
    if (s.endsWith("%") && number(s.substring(0, s.length() - 1)) != null) {
      return new Number(number(s.substring(0, s.length() - 1)), true);
    }
    if (THOUSANDS.matcher(s).matches()) {
      return new Number(Rational.parseDecimal(s.replace(",", "")), false);
    }
    return null;
  }

  /**
   * {@code x<5}, {@code 5\geq x}, {@code -793<a<10}: a relation of one variable with bounds that
   * do not contain it, as the interval of its solutions; null otherwise.
   */
  private static MathValue interval(String s) {
    Matcher m = RELATION.matcher(s);
    List<String> parts = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    int start = 0;
    while (m.find()) {
      parts.add(s.substring(start, m.start()).trim());
      ops.add(m.group());
      start = m.end();
    }
    parts.add(s.substring(start).trim());
    if (ops.isEmpty() || ops.size() > 2 || parts.stream().anyMatch(String::isEmpty)
        || (ops.size() == 2 && less(ops.get(0)) != less(ops.get(1)))) {
      return null;
    }
    int v = -1;
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).length() == 1 && VARIABLE.matcher(parts.get(i)).matches()) {
        v = v < 0 ? i : -2;
      }
    }
    if (v < 0 || (ops.size() == 2 && v != 1)) {
      return null;
    }
    String var = parts.get(v);
    for (String p : parts) {
      if (!p.equals(var) && p.replaceAll("\\\\[a-zA-Z]+", "").contains(var)) {
        return null;
      }
    }
    String lower = "-\\infty";
    String upper = "\\infty";
    char open = '(';
    char close = ')';
    for (int i = 0; i < ops.size(); i++) {
      String op = ops.get(i);
      boolean less = less(op);
      boolean strict = op.equals("<") || op.equals(">");
      boolean boundOnLeft = i < v; // "c op x" rather than "x op c"
      String bound = parts.get(boundOnLeft ? i : i + 1);
      if (less == boundOnLeft) { // c < x or x > c: a lower bound
        lower = bound;
        open = strict ? '(' : '[';
      } else {
        upper = bound;
        close = strict ? ')' : ']';
      }
    }
    return new Tuple(open, close, List.of(parse(lower), parse(upper)));
  }

  private static boolean less(String op) {
    return op.equals("<") || op.equals("\\leq");
  }

  private static MathValue tuple(String s) {
    char open = s.isEmpty() ? ' ' : s.charAt(0);
    char close = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
    // "(1,2),(3,4)" starts and ends with brackets but is a bare list of two tuples
    boolean bracketed = "([{".indexOf(open) >= 0 && ")]}".indexOf(close) >= 0
        && (open == '{') == (close == '}') && closingBracket(s) == s.length() - 1;
    String inner = bracketed ? s.substring(1, s.length() - 1) : s;
    List<String> parts = splitTopLevel(inner, ",");
    if (bracketed && open == '(' && parts != null && parts.size() == 1 && !inner.isEmpty()) {
      return parse(inner); // "(0.5)": grouping parentheses
    }
    if (bracketed && open == '{' && parts != null && parts.size() == 1 && !inner.isEmpty()) {
      return new Tuple('{', '}', List.of(parse(inner))); // a set of one
    }
    if (parts == null || parts.size() < 2 || parts.stream().anyMatch(String::isEmpty)) {
      return new Expression(s);
    }
    List<MathValue> items = new ArrayList<>();
    parts.forEach(p -> items.add(parse(p)));
    return bracketed ? new Tuple(open, close, items) : new Tuple(' ', ' ', items);
  }

  /** Where the bracket that opens {@code s} closes, counting all bracket kinds; -1 if never. */
  private static int closingBracket(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("([{".indexOf(c) >= 0) {
        depth++;
      } else if (")]}".indexOf(c) >= 0 && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Splits on a separator outside brackets (an interval's {@code [1,2)} counts as balanced), with
   * the space a list keeps after its commas trimmed; null when brackets do not balance.
   */
  private static List<String> splitTopLevel(String s, String separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("([{".indexOf(c) >= 0) {
        depth++;
      } else if (")]}".indexOf(c) >= 0) {
        depth--;
      } else if (depth == 0 && s.startsWith(separator, i)) {
        parts.add(s.substring(start, i).trim());
        start = i + separator.length();
      }
      if (depth < 0) {
        return null;
      }
    }
    parts.add(s.substring(start).trim());
    return depth == 0 ? parts : null;
  }

  /** Decimal, {@code a/b}, {@code \frac{a}{b}}, {@code x\times10^{e}}. */
  private static Rational number(String s) {
    if (DECIMAL.matcher(s).matches()) {
      return Rational.parseDecimal(s.startsWith("+") ? s.substring(1) : s);
    }
    Matcher slash = SLASH.matcher(s);
    if (slash.matches() && !slash.group(2).matches("0+")) {
      return Rational.parseDecimal(slash.group(1)).divide(Rational.parseDecimal(slash.group(2)));
    }
    Matcher sci = SCIENTIFIC.matcher(s);
    if (sci.matches() && sci.group(2).length() < 5) {
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

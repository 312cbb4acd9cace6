package dev.weakrl.datasets.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides whether an answer equals a ground truth, in the spirit of Math-Verify. Both go through
 * {@link Answers#extract} (a gold may be a whole solution) and {@link MathNormalizer}; then the
 * fast exact path compares them as strings, exact numbers (integers, decimals, fractions,
 * percentages: {@code 50%} matches 50 and 1/2), multiple-choice letters, or tuples, intervals,
 * relations of one variable (as intervals), unions, sets and matrices of those. Only what that
 * path cannot decide, an expression such as {@code \sec^2 y} or {@code 2\sqrt{2}}, goes to the
 * {@link Cas computer algebra system}, within {@link Cas#TIME_LIMIT}; what neither decides is
 * {@link Verdict#UNDECIDED}.
 *
 * <p>A decimal that only rounds to the exact value ({@code 1.414} for {@code \sqrt{2}}) is
 * CORRECT when marked as rounded ({@code 0.0833\ldots}, {@code \approx 1.414}), else UNDECIDED,
 * since rounding may or may not have been asked. A comma between digits is a thousands separator
 * only in groups of exactly three digits without a space ({@code 32, 349} is a list); it is a
 * decimal comma only where that reading is the one left ({@code 1000,99}, {@code 0,111}) and the
 * other side is a decimal number.
 */
public final class MathVerifier {
  private MathVerifier() {}

  /** {@code truth} may be a JSON list of strings: then any of them is accepted. */
  public static Judgement judge(String answer, String truth) {
    List<String> truths = alternatives(truth);
    Judgement best = null;
    for (String t : truths) {
      Judgement j = judgeOne(answer, t);
      if (j.isCorrect()) {
        return j;
      }
      if (best == null || j.verdict() == Verdict.UNDECIDED) {
        best = j;
      }
    }
    return best;
  }

  public static Verdict verify(String answer, String truth) {
    return judge(answer, truth).verdict();
  }

  /**
   * The key answers are counted by (majority votes, most frequent wrong answers): answers with
   * equal keys are judged equal to each other, so {@code \frac{1}{2}}, {@code 0.5} and {@code 1/2}
   * are one answer, {@code 1/2}. Numbers become fractions in lowest terms (a percentage keeps its
   * {@code %}, since 50% matches both 50 and 1/2 and cannot join either), choices their letter,
   * sets and bare lists their items sorted, anything else its {@link MathNormalizer} text.
   */
  public static String normalForm(String answer) {
    return form(MathValue.parse(MathNormalizer.normalize(answer)));
  }

  private static String form(MathValue v) {
    if (v instanceof MathValue.Number n) {
      return n.value() + (n.percent() ? "%" : "");
    }
    if (v instanceof MathValue.Choice c) {
      return String.valueOf(c.letter());
    }
    if (v instanceof MathValue.Union u) {
      List<String> parts = new ArrayList<>(u.parts().stream().map(MathVerifier::form).toList());
      Collections.sort(parts);
      return String.join("\\cup", parts);
    }
    if (v instanceof MathValue.Tuple t && t.open() == 'M') {
      return "matrix(" + String.join(",", t.items().stream().map(MathVerifier::form).toList()) + ")";
    }
    if (v instanceof MathValue.Tuple t) {
      List<String> items = new ArrayList<>(t.items().stream().map(MathVerifier::form).toList());
      if (!t.ordered()) {
        Collections.sort(items);
      }
      return (t.open() + String.join(",", items) + t.close()).trim(); // bare lists have ' ' brackets
    }
    return ((MathValue.Expression) v).text();
  }

  /** The accepted answers: the items of a JSON list of strings, else the truth itself. */
  public static List<String> alternatives(String truth) {
    String t = truth.trim();
    if (t.startsWith("[\"") && t.endsWith("]")) {
      try {
        JsonNode list = Json.MAPPER.readTree(t);
        List<String> texts = new ArrayList<>();
        list.forEach(v -> texts.add(v.asText()));
        if (!texts.isEmpty()) {
          return texts;
        }
      } catch (java.io.IOException e) {
        // not JSON after all: a LaTeX answer that starts with ["
      }
    }
    return List.of(truth);
  }

  private static Judgement judgeOne(String answer, String truth) {
    String a = MathNormalizer.normalize(Answers.extract(answer).orElse(answer));
    String t = MathNormalizer.normalize(Answers.extract(truth).orElse(truth));
    if (a.isEmpty()) {
      return new Judgement(Verdict.INCORRECT, a, t, "empty answer");
    }
    if (a.equals(t)) {
      return Judgement.correct(a, t);
    }
    if (a.contains("=") != t.contains("=")) { // an equation against a labelled value: keep the label
      a = MathNormalizer.normalize(Answers.extract(answer).orElse(answer), false);
      t = MathNormalizer.normalize(Answers.extract(truth).orElse(truth), false);
    }
    String a2 = decimalComma(a, t);
    String t2 = decimalComma(t, a);
    Verdict v;
    try {
      v = compare(MathValue.parse(a2), MathValue.parse(t2));
    } catch (RuntimeException | StackOverflowError e) { // never out of a reward function
      v = Verdict.UNDECIDED;
    }
    String reason = switch (v) {
      case CORRECT -> "";
      case INCORRECT -> "different values";
      case UNDECIDED -> "cannot compare without evaluating expressions";
    };
    return new Judgement(v, a, t, reason);
  }

  /**
   * {@code 1000,99} read as 1000.99 when {@code other} is a decimal number and the comma cannot be
   * a thousands separator; else {@code s} unchanged.
   */
  private static String decimalComma(String s, String other) {
    if (!DECIMAL_COMMA.matcher(s).matches() || MathValue.THOUSANDS.matcher(s).matches()
        || !(MathValue.parse(other) instanceof MathValue.Number n) || n.decimals() < 1) {
      return s;
    }
    return s.replace(',', '.');
  }

  private static final Pattern DECIMAL_COMMA = Pattern.compile("-?\\d+,\\d+");

  static Verdict compare(MathValue a, MathValue t) {
    if (a instanceof MathValue.Expression x && t instanceof MathValue.Expression y
        && x.text().replace(" ", "").equals(y.text().replace(" ", ""))) {
      return Verdict.CORRECT; // the spaces a list keeps mean nothing inside an expression
    }
    if (a instanceof MathValue.Expression || t instanceof MathValue.Expression) {
      return symbolic(a, t);
    }
    if (a instanceof MathValue.Number x && t instanceof MathValue.Number y) {
      return sameNumber(x, y);
    }
    if (a instanceof MathValue.Tuple x && t instanceof MathValue.Tuple y) {
      return compareTuples(x, y);
    }
    if (a instanceof MathValue.Union x && t instanceof MathValue.Union y) {
      return x.parts().size() == y.parts().size() ? unordered(x.parts(), y.parts()) : Verdict.INCORRECT;
    }
    return a.equals(t) ? Verdict.CORRECT : Verdict.INCORRECT;
  }

  /** An expression against an expression or a number: the CAS decides, or the precision rule. */
  private static Verdict symbolic(MathValue a, MathValue t) {
    if (a instanceof MathValue.Number n && t instanceof MathValue.Expression e) {
      return symbolic(e, n);
    }
    if (a instanceof MathValue.Expression e && t instanceof MathValue.Number n) {
      return symbolic(e, n);
    }
    if (a instanceof MathValue.Expression x && t instanceof MathValue.Expression y
        && !x.text().endsWith("…") && !y.text().endsWith("…")) {
      return Cas.equivalent(x.text(), y.text());
    }
    MathValue.Expression scalar = a instanceof MathValue.Expression x ? x : (MathValue.Expression) t;
    MathValue other = scalar == a ? t : a;
    if (other instanceof MathValue.Tuple || other instanceof MathValue.Union) {
      // one value against several: a balanced expression with a top-level comma would be a list
      return balanced(scalar.text()) ? Verdict.INCORRECT : Verdict.UNDECIDED;
    }
    return Verdict.UNDECIDED;
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (char c : s.toCharArray()) {
      depth += "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0 && !s.contains("\\begin");
  }

  private static Verdict symbolic(MathValue.Expression e, MathValue.Number n) {
    if (e.text().endsWith("…") || n.percent()) {
      return Verdict.UNDECIDED;
    }
    if (n.decimals() < 1) {
      return Cas.equivalent(e.text(), tex(n.value()));
    }
    var value = Cas.value(e.text());
    if (value.isEmpty()) {
      return Cas.equivalent(e.text(), tex(n.value()));
    }
    Rational exact = Rational.parseDecimal(java.math.BigDecimal.valueOf(value.getAsDouble()).toPlainString());
    return rounded(n, exact);
  }

  private static String tex(Rational r) {
    String sign = r.num().signum() < 0 ? "-" : "";
    String num = r.num().abs().toString();
    return r.isInteger() ? sign + num : sign + "\\frac{" + num + "}{" + r.den() + "}";
  }

  /** Equal values, a percentage p% against p/100, or a decimal that rounds to the other. */
  private static Verdict sameNumber(MathValue.Number a, MathValue.Number b) {
    Rational hundred = Rational.of(100);
    if (a.value().equals(b.value())
        || (a.percent() && a.value().divide(hundred).equals(b.value()))
        || (b.percent() && b.value().divide(hundred).equals(a.value()))) {
      return Verdict.CORRECT;
    }
    if (a.percent() || b.percent()) {
      return Verdict.INCORRECT;
    }
    if (a.decimals() >= 1 && (b.decimals() < 0 || a.approximate())) {
      return rounded(a, b.value());
    }
    if (b.decimals() >= 1 && (a.decimals() < 0 || b.approximate())) {
      return rounded(b, a.value());
    }
    return Verdict.INCORRECT;
  }

  /**
   * A decimal {@code d} against an exact value: CORRECT when it is {@code exact} rounded or cut to
   * its digits and marked as rounded, UNDECIDED when it is so but unmarked (a rounding the
   * question may have asked for), INCORRECT when it is not even that.
   */
  private static Verdict rounded(MathValue.Number d, Rational exact) {
    Rational unit = Rational.parseDecimal(java.math.BigDecimal.ONE.scaleByPowerOfTen(-d.decimals()).toPlainString());
    Rational diff = exact.subtract(d.value());
    Rational abs = diff.num().signum() < 0 ? diff.negate() : diff;
    boolean round = abs.compareTo(unit.divide(Rational.of(2))) <= 0;
    boolean cut = abs.compareTo(unit) < 0 && exact.num().signum() == d.value().num().signum()
        && exact.multiply(exact).compareTo(d.value().multiply(d.value())) >= 0;
    if (!round && !cut) {
      return Verdict.INCORRECT;
    }
    return d.approximate() && significantDigits(d) >= 2 ? Verdict.CORRECT : Verdict.UNDECIDED;
  }

  private static int significantDigits(MathValue.Number d) {
    String digits = d.value().num().abs().toString();
    return d.value().isInteger() ? digits.replaceAll("0+$", "").length() : digits.length();
  }

  private static Verdict compareTuples(MathValue.Tuple a, MathValue.Tuple t) {
    if (a.open() == 'M' && t.open() == 'M') {
      return orderedItems(a.items(), t.items());
    }
    if ((a.open() == 'M') != (t.open() == 'M')) {
      return Verdict.INCORRECT;
    }
    if (a.items().size() != t.items().size() || a.ordered() != t.ordered()
        || (a.ordered() && (a.open() != t.open() || a.close() != t.close()))) {
      return Verdict.INCORRECT;
    }
    return a.ordered() ? orderedItems(a.items(), t.items()) : unordered(a.items(), t.items());
  }

  private static Verdict orderedItems(List<MathValue> a, List<MathValue> t) {
    if (a.size() != t.size()) {
      return Verdict.INCORRECT;
    }
    Verdict all = Verdict.CORRECT;
    for (int i = 0; i < a.size() && all != Verdict.INCORRECT; i++) {
      all = weaker(all, compare(a.get(i), t.get(i)));
    }
    return all;
  }

  /** Matches each truth item with a distinct answer item. */
  private static Verdict unordered(List<MathValue> a, List<MathValue> t) {
    List<MathValue> left = new ArrayList<>(a);
    Verdict all = Verdict.CORRECT;
    for (MathValue item : t) {
      int found = -1;
      boolean undecided = false;
      for (int i = 0; i < left.size() && found < 0; i++) {
        Verdict v = compare(left.get(i), item);
        found = v == Verdict.CORRECT ? i : found;
        undecided |= v == Verdict.UNDECIDED;
      }
      if (found >= 0) {
        left.remove(found);
      } else {
        all = weaker(all, undecided ? Verdict.UNDECIDED : Verdict.INCORRECT);
      }
    }
    return all;
  }

  /** The less favourable of two verdicts: INCORRECT, then UNDECIDED, then CORRECT. */
  private static Verdict weaker(Verdict x, Verdict y) {
    return rank(x) >= rank(y) ? x : y;
  }

  private static int rank(Verdict v) {
    return switch (v) {
      case CORRECT -> 0;
      case UNDECIDED -> 1;
      case INCORRECT -> 2;
    };
  }
}

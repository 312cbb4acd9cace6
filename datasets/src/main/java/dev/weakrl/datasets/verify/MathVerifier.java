package dev.weakrl.datasets.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decides whether an answer equals a ground truth, in the spirit of Math-Verify: equal after
 * {@link MathNormalizer normalisation}, or equal as exact numbers (integers, decimals, fractions,
 * percentages: {@code 50%} matches 50 and 1/2), multiple-choice letters, or tuples, intervals and
 * sets of those. It never evaluates its input: two different expressions it cannot interpret
 * (say {@code \sqrt{2}} against {@code 1.414}) are {@link Verdict#UNDECIDED}.
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
    String a = MathNormalizer.normalize(answer);
    String t = MathNormalizer.normalize(truth);
    if (a.isEmpty()) {
      return new Judgement(Verdict.INCORRECT, a, t, "empty answer");
    }
    if (a.equals(t)) {
      return Judgement.correct(a, t);
    }
    Verdict v = compare(MathValue.parse(a), MathValue.parse(t));
    String reason = switch (v) {
      case CORRECT -> "";
      case INCORRECT -> "different values";
      case UNDECIDED -> "cannot compare without evaluating expressions";
    };
    return new Judgement(v, a, t, reason);
  }

  static Verdict compare(MathValue a, MathValue t) {
    if (a instanceof MathValue.Expression || t instanceof MathValue.Expression) {
      return a.equals(t) ? Verdict.CORRECT : Verdict.UNDECIDED;
    }
    if (a instanceof MathValue.Number x && t instanceof MathValue.Number y) {
      return sameNumber(x, y) ? Verdict.CORRECT : Verdict.INCORRECT;
    }
    if (a instanceof MathValue.Tuple x && t instanceof MathValue.Tuple y) {
      return compareTuples(x, y);
    }
    return a.equals(t) ? Verdict.CORRECT : Verdict.INCORRECT;
  }

  /** Equal values, or a percentage p% against p/100. */
  private static boolean sameNumber(MathValue.Number a, MathValue.Number b) {
    Rational hundred = Rational.of(100);
    return a.value().equals(b.value())
        || (a.percent() && a.value().divide(hundred).equals(b.value()))
        || (b.percent() && b.value().divide(hundred).equals(a.value()));
  }

  private static Verdict compareTuples(MathValue.Tuple a, MathValue.Tuple t) {
    if (a.items().size() != t.items().size() || a.ordered() != t.ordered()
        || (a.ordered() && (a.open() != t.open() || a.close() != t.close()))) {
      return Verdict.INCORRECT;
    }
    if (a.ordered()) {
      Verdict all = Verdict.CORRECT;
      for (int i = 0; i < a.items().size(); i++) {
        all = weaker(all, compare(a.items().get(i), t.items().get(i)));
      }
      return all;
    }
    // unordered: match each truth item with a distinct answer item
    List<MathValue> left = new ArrayList<>(a.items());
    Verdict all = Verdict.CORRECT;
    for (MathValue item : t.items()) {
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

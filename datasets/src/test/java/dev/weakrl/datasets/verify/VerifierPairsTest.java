package dev.weakrl.datasets.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The verifier on the benchmark's pair table: the targets, on the same pairs. */
class VerifierPairsTest {
  @Test
  void agreesOnNineInTenPairsWithNoFalsePositive() {
    List<VerifierBenchmark.Pair> pairs = VerifierBenchmark.pairs();
    List<String> disagree = new ArrayList<>();
    List<String> falsePositives = new ArrayList<>();
    for (VerifierBenchmark.Pair p : pairs) {
      Verdict v = MathVerifier.verify(p.prediction(), p.gold());
      if (v != p.expected()) {
        disagree.add(p.category() + ": '" + p.prediction() + "' vs '" + p.gold() + "' -> " + v);
      }
      if (v == Verdict.CORRECT && p.expected() == Verdict.INCORRECT) {
        falsePositives.add(p.prediction() + " vs " + p.gold());
      }
    }
    System.out.println("disagreements:\n" + String.join("\n", disagree));
    assertEquals(List.of(), falsePositives, "wrong answers judged correct");
    assertTrue(disagree.size() <= pairs.size() / 10, disagree.size() + " of " + pairs.size()
        + " pairs disagree:\n" + String.join("\n", disagree));
  }

  @Test
  void tableCoversEveryCategoryWithBothVerdicts() {
    Set<String> categories = new TreeSet<>();
    Set<String> withBoth = new TreeSet<>();
    List<VerifierBenchmark.Pair> pairs = VerifierBenchmark.pairs();
    pairs.forEach(p -> categories.add(p.category()));
    for (String c : categories) {
      long correct = pairs.stream().filter(p -> p.category().equals(c) && p.expected() == Verdict.CORRECT).count();
      long wrong = pairs.stream().filter(p -> p.category().equals(c) && p.expected() == Verdict.INCORRECT).count();
      if (correct >= 2 && wrong >= 1) {
        withBoth.add(c);
      }
    }
    assertEquals(categories, withBoth, "categories with at least two correct and one wrong pair");
  }
}

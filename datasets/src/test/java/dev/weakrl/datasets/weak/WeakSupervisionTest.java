package dev.weakrl.datasets.weak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.domain.NormalFormTest;
import dev.weakrl.datasets.split.Split;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WeakSupervisionTest {
  private final List<Problem> problems = Domains.get("arith").generate(Split.TRAIN, 40, 2, 1);

  /** 100 problems whose solve counts (of 16) run 0, 1, .., 16, 0, 1, ... */
  static final List<Problem> HUNDRED = Domains.get("arith").generate(Split.TRAIN, 100, 2, 2);
  static final Map<String, Integer> SPREAD = HUNDRED.stream()
      .collect(Collectors.toMap(Problem::id, p -> HUNDRED.indexOf(p) % 17));

  static List<Integer> countsOf(List<Problem> chosen) {
    return chosen.stream().map(p -> SPREAD.get(p.id())).toList();
  }

  @Test
  void scarceSpreadsOverTheSolveCountsAndRepeatsToFillTheBatch() {
    List<Problem> batch = WeakSupervision.scarce(HUNDRED, 8, 64, SPREAD, 16, false, 3);
    assertEquals(64, batch.size());
    Map<Problem, Long> times = batch.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertEquals(8, times.size());
    assertEquals(List.of(8L), times.values().stream().distinct().toList());
    List<Integer> counts = countsOf(batch.subList(0, 8));
    assertTrue(counts.stream().allMatch(c -> c > 0 && c < 16), "0 and 16 give zero-variance groups: " + counts);
    assertTrue(counts.get(0) <= 2 && counts.get(7) >= 14, "spans 1..15: " + counts);
    for (int i = 1; i < 8; i++) {
      assertTrue(counts.get(i) > counts.get(i - 1), "one per bin, lowest to highest: " + counts);
    }
    assertEquals(batch, WeakSupervision.scarce(HUNDRED, 8, 64, SPREAD, 16, false, 3));
  }

  @Test
  void scarceKeepsZeroAndKOnlyWhenAsked() {
    List<Integer> all = java.util.stream.IntStream.rangeClosed(0, 16).boxed().toList();
    assertEquals(all.subList(1, 16), countsOf(WeakSupervision.scarce(HUNDRED, 15, 15, SPREAD, 16, false, 4)));
    assertEquals(all, countsOf(WeakSupervision.scarce(HUNDRED, 17, 17, SPREAD, 16, true, 4)));
    List<Integer> eight = countsOf(WeakSupervision.scarce(HUNDRED, 8, 8, SPREAD, 16, true, 4));
    assertTrue(eight.get(0) <= 2 && eight.get(7) >= 15, eight.toString());
  }

  @Test
  void scarceFillsEmptyBinsWithTheNearestAndDrawsAtRandomWithoutCounts() {
    // counts 5, 10, 15 only: 8 bins of width 11/8 over 5..15, bins 1, 2, 4, 5, 6 empty: they take
    // the count nearest their centre (6.56, 7.94, 10.69, 12.06, 13.44: 5, 10, 10, 10, 15)
    Map<String, Integer> three = HUNDRED.stream()
        .collect(Collectors.toMap(Problem::id, p -> 5 + HUNDRED.indexOf(p) % 3 * 5));
    List<Problem> chosen = WeakSupervision.scarce(HUNDRED, 8, 8, three, 16, false, 5);
    assertEquals(8, chosen.stream().distinct().count());
    assertEquals(List.of(5, 5, 10, 10, 10, 10, 15, 15), chosen.stream().map(p -> three.get(p.id())).toList());

    List<Problem> drawn = WeakSupervision.scarce(HUNDRED, 4, 8, Map.of(), WeakSupervision.DEFAULT_K, false, 6);
    assertEquals(4, drawn.stream().distinct().count());
    assertEquals(drawn, WeakSupervision.scarce(HUNDRED, 4, 8, Map.of(), WeakSupervision.DEFAULT_K, false, 6));
  }

  @Test
  void scarceSaysHowManyRemainWhenTooFew() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < HUNDRED.size(); i++) {
      counts.put(HUNDRED.get(i).id(), i < 5 ? 7 : i % 2 * 16);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WeakSupervision.scarce(HUNDRED, 8, 64, counts, 16, false, 1));
    assertEquals("scarce: 5 problems have solve counts strictly between 0 and 16, N=8 asks for 8;"
        + " pass keepUnsolved to include 0 and 16", e.getMessage());
    assertEquals(8, WeakSupervision.scarce(HUNDRED, 8, 8, counts, 16, true, 1).stream().distinct().count());
  }

  @Test
  void noisyUsesTheMostFrequentWrongAnswerAndKeepsTheOriginal() {
    Problem p = problems.get(0);
    Map<String, List<String>> sampled = Map.of(p.id(), List.of(p.groundTruth(), "-7", "12", "-7", p.groundTruth()));
    List<Problem> noisy = WeakSupervision.noisy(List.of(p), 1.0, sampled, List.of(), 1);
    assertEquals("-7", noisy.get(0).groundTruth());
    assertEquals(p.groundTruth(), noisy.get(0).meta(WeakSupervision.ORIGINAL_LABEL).orElseThrow());

    List<Problem> quarter = WeakSupervision.noisy(problems, 0.25, Map.of(), List.of("1000", "1001"), 5);
    assertEquals(10, quarter.stream().filter(q -> q.meta(WeakSupervision.NOISY).orElseThrow().equals("true")).count());
    assertEquals(30, quarter.stream().filter(q -> q.groundTruth().equals(q.meta("original_label").orElseThrow())).count());
  }

  @Test
  void noisyJudgesWrongWithTheDomainVerifierAndCountsNormalForms() {
    // lock: any shortest sequence is right, so the most frequent (A -> B, B -> A) are not wrong
    Problem lock = NormalFormTest.LOCK;
    List<String> presses = List.of("A -> B", "B -> A", "A", "C -> C", "A->B", "B -> A", "C->C", "A -> B");
    assertEquals(Optional.of("C -> C"), WeakSupervision.mostFrequentWrong(presses, lock));
    assertEquals("C -> C", WeakSupervision.noisy(List.of(lock), 1.0, Map.of("l", presses), List.of(), 1)
        .get(0).groundTruth());

    // arith: 1/2, 0.5 and \frac{1}{2} are one wrong answer; undecided \binom{5}{2} (outside the CAS's whitelist) is not known wrong
    Problem arith = Problem.of("a", "arith", 1, "Compute: 2+3", "5", null);
    List<String> answers = List.of("7", "\\binom{5}{2}", "1/2", "0.5", "5", "\\binom{5}{2}", "\\frac{1}{2}", "7",
        "\\binom{5}{2}", "5.0", "\\binom{5}{2}");
    assertEquals(Optional.of("1/2"), WeakSupervision.mostFrequentWrong(answers, arith));
    assertEquals(Optional.empty(), WeakSupervision.mostFrequentWrong(List.of("5", "5.0", "\\binom{5}{2}", ""), arith));
  }

  @Test
  void proxyWithholdsTheLabels() {
    Problem withheld = WeakSupervision.proxy(problems).get(0);
    assertEquals("", withheld.groundTruth());
    assertEquals(problems.get(0).groundTruth(), withheld.meta(WeakSupervision.WITHHELD_LABEL).orElseThrow());
  }

  @Test
  void solveCountsReadThePerModelDifficultyColumn() {
    Problem p = problems.get(0).withMeta(Map.of("difficulty", "{\"Qwen2.5-Math-7B\":6.0,\"Llama-3.2-3B-Instruct\":null}"));
    assertEquals(Map.of(p.id(), 6), WeakSupervision.solveCounts(List.of(p), "difficulty", "Qwen2.5-Math-7B"));
    assertEquals(Map.of(), WeakSupervision.solveCounts(List.of(p), "difficulty", "Llama-3.2-3B-Instruct"));
  }
}

package dev.weakrl.datasets.weak;

import dev.weakrl.datasets.split.Split;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WeakSupervisionTest {
  private final List<Problem> problems = Domains.get("arith").generate(Split.TRAIN, 40, 2, 1);

  @Test
  void scarceRepeatsEightProblemsToFillSixtyFourAcrossBins() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < problems.size(); i++) {
      counts.put(problems.get(i).id(), i % 4 * 5); // bins 0, 5, 10, 15
    }
    List<Problem> batch = WeakSupervision.scarce(problems, 8, 64, counts, 3);
    assertEquals(64, batch.size());
    Map<Problem, Long> times = batch.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertEquals(8, times.size());
    assertEquals(List.of(8L), times.values().stream().distinct().toList());
    assertEquals(Map.of(0, 2L, 5, 2L, 10, 2L, 15, 2L), times.keySet().stream()
        .collect(Collectors.groupingBy(p -> counts.get(p.id()), Collectors.counting())));
    assertEquals(batch, WeakSupervision.scarce(problems, 8, 64, counts, 3));
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
  void proxyWithholdsAndFilterKeepsTheSolveRange() {
    Problem withheld = WeakSupervision.proxy(problems).get(0);
    assertEquals("", withheld.groundTruth());
    assertEquals(problems.get(0).groundTruth(), withheld.meta(WeakSupervision.WITHHELD_LABEL).orElseThrow());

    Map<String, Integer> counts = Map.of(problems.get(0).id(), 0, problems.get(1).id(), 1,
        problems.get(2).id(), 15, problems.get(3).id(), 16);
    assertEquals(problems.subList(1, 3), WeakSupervision.filterBySolveCount(problems, counts, 1, 15));
  }

  @Test
  void solveCountsReadThePerModelDifficultyColumn() {
    Problem p = problems.get(0).withMeta(Map.of("difficulty", "{\"Qwen2.5-Math-7B\":6.0,\"Llama-3.2-3B-Instruct\":null}"));
    assertEquals(Map.of(p.id(), 6), WeakSupervision.solveCounts(List.of(p), "difficulty", "Qwen2.5-Math-7B"));
    assertEquals(Map.of(), WeakSupervision.solveCounts(List.of(p), "difficulty", "Llama-3.2-3B-Instruct"));
  }
}

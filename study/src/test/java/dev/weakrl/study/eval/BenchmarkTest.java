package dev.weakrl.study.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkTest {
  @Test
  void parsesProceduralSpecs() {
    assertEquals(new Benchmark.Procedural("arith", 1, 2, 50, 7), Benchmark.parse("arith:1-2", 7));
    assertEquals(new Benchmark.Procedural("island", 3, 3, 10, 7), Benchmark.parse("island:3:10", 7));
    assertEquals("arith@1-2", Benchmark.parse("arith:1-2", 7).name());
    assertEquals("island@3", Benchmark.parse("island:3:10", 7).name());
  }

  @Test
  void proceduralProblemsCoverEveryLevelReproducibly() {
    List<Problem> problems = Benchmark.parse("units:2-3:4", 11).problems();
    assertEquals(8, problems.size());
    assertEquals(List.of(2, 2, 2, 2, 3, 3, 3, 3), problems.stream().map(Problem::difficulty).toList());
    assertEquals(problems, Benchmark.parse("units:2-3:4", 11).problems());
  }

  @Test
  void pathsAreProblemFiles() {
    Benchmark b = Benchmark.parse("../../shared/data/verl-eval/math500.parquet", 0);
    assertEquals(new Benchmark.ProblemFile("../../shared/data/verl-eval/math500.parquet"), b);
    assertEquals("math500", b.name());
    assertEquals(500, b.problems().size());
  }

  @Test
  void badSpecsNameTheSpec() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Benchmark.parse("arith", 0));
    assertTrue(e.getMessage().contains("'arith'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Benchmark.parse("arith:0-9", 0));
    e = assertThrows(IllegalArgumentException.class, () -> Benchmark.parse("nosuch:1", 0));
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
  }

  @Test
  void benchmarksAreGroupedAgainstTheTrainingDomainAndLevel() {
    assertEquals(Benchmark.HELD_OUT, Benchmark.parse("arith:1", 0).group("arith", 1));
    assertEquals(Benchmark.HARDER, Benchmark.parse("arith:2-3", 0).group("arith", 1));
    assertEquals(Benchmark.OTHER, Benchmark.parse("arith:1-2", 0).group("arith", 1), "mixes the training level");
    assertEquals(Benchmark.OTHER_DOMAINS, Benchmark.parse("island:1", 0).group("arith", 1));
    assertEquals(Benchmark.OTHER, Benchmark.parse("x/math500.parquet", 0).group("arith", 1));
  }

  @Test
  void generatedBenchmarksAreHeldOutAndDistinct() {
    for (String spec : List.of("arith:1:200", "island:1:100", "units:1:100", "arith:2-3:50")) {
      List<dev.weakrl.datasets.Problem> problems = Benchmark.parse(spec, 1_000_003).problems();
      assertTrue(problems.stream().allMatch(dev.weakrl.datasets.split.Split.HELD_OUT::contains), spec);
      assertEquals(problems.size(),
          problems.stream().map(dev.weakrl.datasets.split.Split::canonical).distinct().count(), spec);
    }
  }
}

package dev.weakrl.transforms.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardEvaluatorTest {
  static final EvalSettings SETTINGS = new EvalSettings(4, 1.0, 8, 2, 3);
  static LoadedModel model;

  @BeforeAll
  static void load(@TempDir Path dir) {
    model = LoadedModel.load(TinyCheckpoint.save(dir.resolve("ckpt").toString(), 1));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void eachProblemGetsKSamplesAndOneGreedy() {
    Benchmark.Procedural arith = new Benchmark.Procedural("arith", 1, 1, 2, 0);
    List<ProblemResult> results = ShardEvaluator.evaluate(model, "ck", PromptShard.split(arith, 2).get(0), SETTINGS);
    assertEquals(2, results.size());
    for (ProblemResult r : results) {
      assertEquals(List.of(0, 1, 2, 3, SampleRow.GREEDY), r.samples().stream().map(SampleRow::sample).toList());
      assertEquals(4, r.score().samples());
      assertTrue(r.samples().stream().allMatch(s -> s.responseTokens() <= 8 && s.checkpoint().equals("ck")));
    }
  }

  @Test
  void samplesDoNotDependOnSharding() {
    Benchmark.Procedural arith = new Benchmark.Procedural("arith", 1, 1, 2, 0);
    List<ProblemResult> whole = ShardEvaluator.evaluate(model, "ck", PromptShard.split(arith, 2).get(0), SETTINGS);
    List<ProblemResult> split = new ArrayList<>();
    for (PromptShard shard : PromptShard.split(arith, 1)) {
      split.addAll(ShardEvaluator.evaluate(model, "ck", shard, SETTINGS));
    }
    assertEquals(whole, split);
  }

  @Test
  void promptsLongerThanTheContextAreAnErrorNamingTheProblem() {
    PromptShard shard = new PromptShard("long", List.of(Problem.of("p7", "arith", 1, "x".repeat(600), "1", null)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShardEvaluator.evaluate(model, "ck", shard, SETTINGS));
    assertTrue(e.getMessage().contains("p7") && e.getMessage().contains("512"), e.getMessage());
  }
}

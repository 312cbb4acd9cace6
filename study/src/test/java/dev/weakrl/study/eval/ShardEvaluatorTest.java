package dev.weakrl.study.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.study.stages.LengthBudget;
import dev.weakrl.study.stages.ProblemPrompts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardEvaluatorTest {
  static final EvalSettings SETTINGS = OptionRecords.with(EvalSettings.defaults(),
      Map.of("k", 4, "maxTokens", 8, "shardSize", 2, "seed", 3));
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
    List<ProblemResult> results = ShardEvaluator.evaluate(model, "ck", PromptShard.split(arith, Benchmark.HELD_OUT, 2).get(0), SETTINGS, Set.of());
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
    List<ProblemResult> whole = ShardEvaluator.evaluate(model, "ck", PromptShard.split(arith, Benchmark.HELD_OUT, 2).get(0), SETTINGS, Set.of());
    List<ProblemResult> split = new ArrayList<>();
    for (PromptShard shard : PromptShard.split(arith, Benchmark.HELD_OUT, 1)) {
      split.addAll(ShardEvaluator.evaluate(model, "ck", shard, SETTINGS, Set.of()));
    }
    assertEquals(whole, split);
  }

  @Test
  void problemsTheModelCannotTakeAreSkippedWithTheirReasonAndTheRestEvaluated() {
    Problem ok = Problem.of("p1", "arith", 1, "What is 1+1?", "2", null);
    Problem tooLong = Problem.of("p7", "arith", 1, "x".repeat(600), "1", null);
    Problem tab = Problem.of("p8", "arith", 1, "What is\t1+1?", "2", null);
    PromptShard shard = new PromptShard("mixed", Benchmark.OTHER, "", List.of(ok, tooLong, tab));
    List<ProblemResult> results = ShardEvaluator.evaluate(model, "ck", shard, SETTINGS, Set.of());
    Map<String, ProblemResult> byId = new java.util.HashMap<>();
    results.forEach(r -> byId.put(r.problemId(), r));
    assertEquals(Map.of("p1", "", "p7", ProblemResult.TOO_LONG, "p8", ProblemResult.UNENCODABLE),
        Map.of("p1", byId.get("p1").skipped(), "p7", byId.get("p7").skipped(), "p8", byId.get("p8").skipped()));
    assertEquals(5, byId.get("p1").samples().size());
    BenchmarkSummary summary = results.stream().map(r -> BenchmarkTotals.of(r.score()))
        .reduce(BenchmarkTotals.empty(), BenchmarkTotals::plus).summary("ck", "mixed", Benchmark.OTHER);
    assertEquals(1, summary.problems());
    assertEquals(1, summary.skippedTooLong());
    assertEquals(1, summary.skippedUnencodable());
  }

  @Test
  void problemsSeenInTrainingAreLeftOutAndMarked() {
    Benchmark.Procedural arith = new Benchmark.Procedural("arith", 1, 1, 2, 0);
    PromptShard shard = PromptShard.split(arith, Benchmark.HELD_OUT, 2).get(0);
    Set<String> seen = Set.of(Split.canonical(shard.problems().get(0)));
    List<ProblemResult> results = ShardEvaluator.evaluate(model, "ck", shard, SETTINGS, seen);
    assertTrue(results.get(0).seenInTraining() && results.get(0).samples().isEmpty());
    assertTrue(results.get(0).score().seenInTraining());
    assertEquals(5, results.get(1).samples().size());
  }

  @Test
  void theDefaultBudgetIsTheLongestReferenceSolutionWithHeadroom() {
    Benchmark.Procedural arith = new Benchmark.Procedural("arith", 2, 2, 4, 0);
    PromptShard shard = PromptShard.split(arith, Benchmark.HARDER, 2).get(1);
    String longest = arith.problems().stream().map(p -> p.trace()).max(java.util.Comparator.comparingInt(String::length))
        .orElseThrow();
    assertEquals(longest, shard.longestReference(), "every shard carries the whole benchmark's longest reference");
    List<int[]> prompts = shard.problems().stream().map(p -> ProblemPrompts.of(model.tokenizer(), p)).toList();
    int reference = (int) Math.ceil(1.3 * (model.tokenizer().encode(longest).length + 1)); // + EOS
    int room = model.model().config().maxPositions() - prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
    assertEquals(Math.min(reference, room), ShardEvaluator.tokenBudget(model, shard, prompts, 0));
    assertEquals(reference, LengthBudget.ofReference(model.tokenizer(), longest).orElseThrow());
    assertEquals(8, ShardEvaluator.tokenBudget(model, shard, prompts, 8), "an explicit budget wins");
  }
}

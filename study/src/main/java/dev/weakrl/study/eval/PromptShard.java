package dev.weakrl.study.eval;

import dev.weakrl.datasets.Problem;
import dev.weakrl.study.stages.LengthBudget;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's problems in one work item of evaluation.
 *
 * @param group how the benchmark relates to the training domain ({@link Benchmark#group})
 * @param longestReference the longest reference solution of the whole benchmark (empty: none), so
 *     that every shard of it gets the same token budget
 */
public record PromptShard(String benchmark, String group, String longestReference, List<Problem> problems)
    implements Serializable {
  public PromptShard {
    problems = List.copyOf(problems);
  }

  /** {@code benchmark}'s problems in consecutive shards of at most {@code size}. */
  public static List<PromptShard> split(Benchmark benchmark, String group, int size) {
    List<Problem> problems = benchmark.problems();
    String reference = LengthBudget.longestReference(problems);
    List<PromptShard> shards = new ArrayList<>();
    for (int i = 0; i < problems.size(); i += size) {
      shards.add(new PromptShard(benchmark.name(), group, reference,
          problems.subList(i, Math.min(i + size, problems.size()))));
    }
    return shards;
  }
}

package dev.weakrl.transforms.eval;

import dev.weakrl.datasets.Problem;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** A benchmark's problems in one work item of evaluation. */
@DefaultCoder(SerializableCoder.class)
public record PromptShard(String benchmark, List<Problem> problems) implements Serializable {
  public PromptShard {
    problems = List.copyOf(problems);
  }

  /** {@code benchmark}'s problems in consecutive shards of at most {@code size}. */
  public static List<PromptShard> split(Benchmark benchmark, int size) {
    List<Problem> problems = benchmark.problems();
    List<PromptShard> shards = new ArrayList<>();
    for (int i = 0; i < problems.size(); i += size) {
      shards.add(new PromptShard(benchmark.name(), problems.subList(i, Math.min(i + size, problems.size()))));
    }
    return shards;
  }
}

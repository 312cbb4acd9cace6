package dev.weakrl.study.eval;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.datasets.verify.Answers;
import dev.weakrl.models.generate.Generation;
import dev.weakrl.models.generate.Generator;
import dev.weakrl.models.generate.Sampler;
import dev.weakrl.models.generate.SamplingParams;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.study.stages.LengthBudget;
import dev.weakrl.study.stages.ProblemPrompts;
import dev.weakrl.study.stages.TrainingSets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Evaluates one checkpoint on one shard of prompts: k sampled responses per problem, all the
 * shard's in one batch with each row seeded by the eval seed, the problem id and the sample index
 * (so a problem's samples do not depend on how the benchmark was sharded), plus the greedy
 * responses of the whole shard in one batch.
 */
public final class ShardEvaluator {
  private ShardEvaluator() {}

  /**
   * @param seen canonical prompts the checkpoint trained on ({@link TrainingSets#seenBy}): those
   *     problems are left out, marked {@code seenInTraining}
   */
  public static List<ProblemResult> evaluate(LoadedModel loaded, String checkpoint, PromptShard shard,
      EvalSettings settings, Set<String> seen) {
    Tokenizer tokenizer = loaded.tokenizer();
    int context = loaded.model().config().maxPositions();
    List<ProblemResult> results = new ArrayList<>();
    List<Problem> fresh = new ArrayList<>();
    List<int[]> prompts = new ArrayList<>();
    for (Problem p : shard.problems()) {
      if (seen.contains(Split.canonical(p))) {
        results.add(new ProblemResult(checkpoint, shard.benchmark(), shard.group(), p.id(), 0, true, List.of()));
        continue;
      }
      // A problem the model cannot take is skipped and counted, as veRL filters overlong prompts:
      // one such prompt must not fail the whole benchmark.
      int[] prompt;
      try {
        prompt = ProblemPrompts.of(tokenizer, p);
      } catch (IllegalArgumentException unencodable) {
        results.add(ProblemResult.skipped(checkpoint, shard.benchmark(), shard.group(), p.id(),
            ProblemResult.UNENCODABLE));
        continue;
      }
      if (prompt.length >= context) {
        results.add(ProblemResult.skipped(checkpoint, shard.benchmark(), shard.group(), p.id(), ProblemResult.TOO_LONG));
        continue;
      }
      fresh.add(p);
      prompts.add(prompt);
    }
    if (fresh.isEmpty()) {
      return results;
    }
    int maxTokens = tokenBudget(loaded, shard, prompts, settings.maxTokens());
    List<Generation> greedy = Generator.generate(loaded.model(), prompts, SamplingParams.greedy(maxTokens, tokenizer.stopIds()));
    // Every problem's k samples in one batch, each row seeded by (problem, sample) alone.
    int k = settings.k();
    List<int[]> repeated = new ArrayList<>();
    SplittableRandom[] random = new SplittableRandom[prompts.size() * k];
    for (int i = 0; i < prompts.size(); i++) {
      repeated.addAll(Collections.nCopies(k, prompts.get(i)));
      for (int s = 0; s < k; s++) {
        random[i * k + s] = Sampler.rowRandom(problemSeed(settings.seed(), fresh.get(i).id()), s);
      }
    }
    List<Generation> sampled = Generator.generate(loaded.model(), repeated,
        SamplingParams.sample(settings.temperature(), maxTokens, 0, tokenizer.stopIds()), random);
    for (int i = 0; i < prompts.size(); i++) {
      Problem problem = fresh.get(i);
      List<SampleRow> rows = new ArrayList<>();
      for (int s = 0; s < k; s++) {
        rows.add(row(tokenizer, checkpoint, shard.benchmark(), problem, s, sampled.get(i * k + s)));
      }
      rows.add(row(tokenizer, checkpoint, shard.benchmark(), problem, SampleRow.GREEDY, greedy.get(i)));
      results.add(new ProblemResult(checkpoint, shard.benchmark(), shard.group(), problem.id(), maxTokens, false, rows));
    }
    return results;
  }

  /**
   * {@code maxTokens} when set, else the benchmark's {@link LengthBudget} (or {@link
   * EvalSettings#FALLBACK_MAX_TOKENS} without reference solutions); in both cases no more than the
   * shard's longest prompt leaves of the model's context (every prompt given is shorter than it).
   */
  static int tokenBudget(LoadedModel loaded, PromptShard shard, List<int[]> prompts, int maxTokens) {
    int context = loaded.model().config().maxPositions();
    int longest = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    int budget = maxTokens > 0 ? maxTokens
        : LengthBudget.ofReference(loaded.tokenizer(), shard.longestReference()).orElse(EvalSettings.FALLBACK_MAX_TOKENS);
    return Math.min(budget, context - longest);
  }

  /** String.hashCode is specified, so the seed is the same on every worker and JVM. */
  static long problemSeed(long seed, String problemId) {
    return seed * 1_000_003L + problemId.hashCode();
  }

  private static SampleRow row(Tokenizer tokenizer, String checkpoint, String benchmark, Problem problem, int sample,
      Generation generation) {
    String response = ChatFormat.decode(tokenizer, generation.tokens());
    String answer = Answers.lastBoxed(response).orElse("");
    return new SampleRow(checkpoint, benchmark, problem.id(), sample, response, answer,
        Domains.grade(problem, answer).name(), generation.tokens().length, generation.stopped());
  }
}

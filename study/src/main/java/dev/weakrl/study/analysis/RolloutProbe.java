package dev.weakrl.study.analysis;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.verify.Answers;
import dev.weakrl.models.generate.Generation;
import dev.weakrl.models.generate.Generator;
import dev.weakrl.models.generate.SamplingParams;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.study.eval.EvalSettings;
import dev.weakrl.study.eval.LoadedModel;
import dev.weakrl.study.stages.Embedded;
import dev.weakrl.study.stages.LengthBudget;
import dev.weakrl.study.stages.ProblemPrompts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples a checkpoint on a run's training prompts and measures faithfulness and diversity. */
public final class RolloutProbe {
  /** One checkpoint of one run to probe; {@code step} 0 is the pre-RL model. */
  public record Request(RlRun run, String checkpoint, long step) implements Serializable {}

  private RolloutProbe() {}

  /** The pre-RL model, then each of {@code settings.checkpoints()} of {@code run}. */
  public static List<Request> requests(RlRun run, ProbeSettings settings) {
    List<Request> requests = new ArrayList<>(List.of(new Request(run, run.preRlCheckpoint(), 0)));
    for (String c : settings.checkpoints()) {
      long steps = Long.parseLong(run.options().getOrDefault("steps", "0"));
      requests.add(c.equals(ProbeSettings.FINAL)
          ? new Request(run, Storage.resolve(run.dir(), Embedded.MODEL), steps)
          : new Request(run, Storage.resolve(run.dir(), String.format("steps/step-%06d", Long.parseLong(c))),
              Long.parseLong(c)));
    }
    return requests;
  }

  public static ProbeResult probe(Request request, ProbeSettings settings, FaithfulnessScorer scorer,
      String scorerName, StrategyComparator strategies) {
    List<Problem> problems = request.run().trainingPrompts(settings.prompts(), settings.seed());
    double temperature = Double.parseDouble(request.run().options().getOrDefault("temperature", "1.0"));
    int maxTokens = Integer.parseInt(request.run().options().getOrDefault("maxNewTokens", "0"));
    return probe(request.run().name(), request.checkpoint(), request.step(), problems, settings, temperature,
        maxTokens, scorer, scorerName, strategies);
  }

  /**
   * Samples {@code checkpoint} on {@code problems} ({@code settings.rollouts()} each) and measures
   * faithfulness and diversity: the probe of one checkpoint, in or out of a run.
   */
  public static ProbeResult probe(String run, String checkpoint, long step, List<Problem> problems,
      ProbeSettings settings, double temperature, int maxTokens, FaithfulnessScorer scorer, String scorerName,
      StrategyComparator strategies) {
    List<List<ScoredRollout>> rollouts;
    try (LoadedModel model = LoadedModel.load(checkpoint)) {
      rollouts = sample(model, problems, settings.rollouts(), temperature, maxTokens, settings.seed(), scorer);
    }
    List<ScoredRollout> all = new ArrayList<>();
    List<PromptDiversity> diversity = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      all.addAll(rollouts.get(i));
      diversity.add(PromptDiversity.of(problems.get(i), rollouts.get(i), strategies, settings.distinctN()));
    }
    return new ProbeResult(run, checkpoint, step, scorerName, FaithfulnessSummary.of(all), diversity);
  }

  /**
   * {@code k} responses per problem in one seeded batch (at most {@code maxTokens} each, 0: the
   * problems' {@link LengthBudget} as in RL; fewer where the longest prompt leaves less of the
   * context), each graded by the problem's verifier
   * and labelled by {@code scorer}; one list per problem, in order.
   */
  public static List<List<ScoredRollout>> sample(LoadedModel model, List<Problem> problems, int k, double temperature,
      int maxTokens, long seed, FaithfulnessScorer scorer) {
    Tokenizer tokenizer = model.tokenizer();
    List<int[]> prompts = new ArrayList<>();
    int longest = 0;
    for (Problem p : problems) {
      int[] prompt = ProblemPrompts.of(tokenizer, p);
      longest = Math.max(longest, prompt.length);
      prompts.addAll(Collections.nCopies(k, prompt));
    }
    int wanted = maxTokens > 0 ? maxTokens
        : LengthBudget.of(tokenizer, problems).orElse(EvalSettings.FALLBACK_MAX_TOKENS);
    int budget = Math.min(wanted, model.model().config().maxPositions() - longest);
    if (budget < 1) {
      throw new IllegalArgumentException("a training prompt of " + longest + " tokens leaves no room in the model's "
          + model.model().config().maxPositions() + "-token context");
    }
    List<Generation> out = Generator.generate(model.model(), prompts,
        SamplingParams.sample(temperature, budget, seed, tokenizer.stopIds()));
    List<List<ScoredRollout>> scored = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      Problem p = problems.get(i);
      List<ScoredRollout> rows = new ArrayList<>();
      for (Generation g : out.subList(i * k, (i + 1) * k)) {
        String response = ChatFormat.decode(tokenizer, g.tokens());
        String answer = Answers.lastBoxed(response).orElse("");
        rows.add(new ScoredRollout(p.id(), response, answer, Domains.grade(p, answer).reward() == 1,
            scorer.score(p, response)));
      }
      scored.add(rows);
    }
    return scored;
  }
}

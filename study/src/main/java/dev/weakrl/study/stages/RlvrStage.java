package dev.weakrl.study.stages;

import ai.djl.ndarray.NDManager;
import dev.weakrl.common.Storage;
import dev.weakrl.common.options.Option;
import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.datasets.verify.Verdict;
import dev.weakrl.datasets.weak.WeakSupervision;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.train.GrpoObjective;
import dev.weakrl.models.train.LrSchedule;
import dev.weakrl.models.train.Trainer;
import dev.weakrl.study.analysis.SaturationAlarm;
import dev.weakrl.study.stages.ProblemPrompts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stage {@code rlvr}: GRPO from an input model (the frozen reference is the same checkpoint) with
 * one of the {@link RewardModes}. Step checkpoints every {@code checkpointEvery} steps under
 * {@code steps/}; a rerun with the same options resumes from the newest. Figures: {@code
 * reward_first}, {@code reward_last}, {@code true_accuracy_first}, {@code true_accuracy_last}
 * (means over the first and last 10% of steps).
 */
public final class RlvrStage {
  public static final String NAME = "rlvr";
  /** Offsets the seed of generated RL problems from the stages' shared seed. */
  static final long PROBLEM_STREAM = 1_000_000;

  public record Options(
      @Option(defaultValue = "verifiable", help = "verifiable|noisy|majority|self-certainty|random|format|"
          + "thinking-format (thinking-format: 0 unless a closed <think>...</think> block is followed by exactly"
          + " one \\boxed{}, else verifiable on that answer)")
      String reward,
      @Option(defaultValue = "arith", help = "domain of the training problems") String domain,
      @Option(defaultValue = "1", min = 1, help = "difficulty level of the problems (1 = easiest)") int difficulty,
      @Option(defaultValue = "512", min = 1, help = "training problems (generated, or the first of --problemSet at"
          + " --difficulty)") int problems,
      @Option(defaultValue = "", help = "veRL Parquet/JSONL file of training problems, e.g. a prepare stage's"
          + " full.parquet (empty: generate them)") String problemSet,
      @Option(defaultValue = "100", min = 1, help = "GRPO steps") int steps,
      @Option(defaultValue = "8", min = 1, help = "prompts per step") int prompts,
      @Option(defaultValue = "8", min = 2, help = "responses per prompt used for the update (G)") int group,
      @Option(defaultValue = "16", min = 1, help = "responses sampled per prompt for --reward majority and for the"
          + " input model's answers (noisy labels, scarce selection); V >= G") int votes,
      @Option(defaultValue = "1.0", help = "sampling temperature (> 0: GRPO learns from differences within a group)")
      double temperature,
      @Option(defaultValue = "0", min = 0, help = "response length limit; 0 = the training problems' longest"
          + " reference solution x 1.3") int maxNewTokens,
      // 1e-5: the best held-out figure of the README's sweep; 1e-4 lowered held-out accuracy.
      @Option(defaultValue = "1e-5", min = 0, minExclusive = true, help = "learning rate (constant)") double lr,
      @Option(defaultValue = "0.001", min = 0, help = "weight of the k3 KL penalty to the frozen input model")
      double klBeta,
      @Option(defaultValue = "0.2", min = 0, minExclusive = true, help = "surrogate clip range epsilon") double clip,
      @Option(defaultValue = "true", help = "divide advantages by the group's std (false: mean-centred only)")
      boolean divideByStd,
      @Option(defaultValue = "1", min = 1, help = "optimizer updates per step (the step's batch split evenly)")
      int miniBatches,
      @Option(defaultValue = "0.4", min = 0, max = 1, help = "fraction of labels replaced by the input model's most"
          + " frequent wrong answer, for --reward noisy") double noise,
      @Option(defaultValue = "0", min = 0, help = "0: train on all --problems; N: on N of them stratified by the"
          + " input model's solve@votes (the scarce-data setting; each step repeats them)") int scarce,
      @Option(defaultValue = "false", help = "let --scarce pick problems the input model solves never or always")
      boolean keepUnsolved,
      @Option(defaultValue = "50", min = 0, help = "step checkpoint interval under steps/ (0: none); reruns resume")
      int checkpointEvery,
      @Option(defaultValue = "false", help = "end the run when the reward saturates within the rapid window"
          + " (the saturation alarm; the manifest's figures say where)") boolean stopOnRapidSaturation,
      @Option(defaultValue = "1", help = "seed of the problems, prompt order and sampling") long seed)
      implements StageOptions {
    public Options {
      if (!(temperature > 0)) {
        throw new IllegalArgumentException("--temperature must be > 0 for GRPO, got " + temperature + ": at 0 every"
            + " response of a group is the same, so every advantage is 0 and nothing is learned");
      }
      if ((prompts * group) % miniBatches != 0) {
        throw new IllegalArgumentException("--miniBatches " + miniBatches + " must divide the step's --prompts x"
            + " --group = " + prompts * group + " responses");
      }
      if (scarce < 0 || scarce > problems) {
        throw new IllegalArgumentException("--scarce must be in 0..--problems (" + problems + "), got " + scarce);
      }
      if (!RewardModes.MODES.contains(reward)) {
        throw new IllegalArgumentException("--reward must be one of " + RewardModes.MODES + ", got '" + reward + "'");
      }
    }

    public static Options defaults() {
      return OptionRecords.defaults(Options.class);
    }

    @Override
    public String stage() {
      return NAME;
    }

    @Override
    public String run(String out, String input, Consumer<String> log) {
      return RlvrStage.run(out, input, this, log);
    }

    /** Majority voting samples {@code votes} responses; every other mode samples the group. */
    int sampled() {
      return reward.equals("majority") ? Math.max(votes, group) : group;
    }
  }

  private RlvrStage() {}

  /**
   * The study's noisy labels: a fraction {@code noise} of the problems relabelled with the input
   * model's most frequent wrong answer among {@code votes} samples (a random wrong answer from
   * the other problems' labels where it never answers wrongly).
   */
  static List<Problem> noisyLabels(Llama model, Tokenizer tokenizer, List<Problem> truth, Options o) {
    Map<String, List<String>> sampled = Embedded.sampledAnswers(model, tokenizer, truth, o.votes(),
        maxNewTokens(tokenizer, truth, o), o.seed() + 1);
    return WeakSupervision.noisy(truth, o.noise(), sampled, truth.stream().map(Problem::groundTruth).toList(), o.seed());
  }

  static List<Problem> trainingProblems(Domain domain, Options o) {
    if (o.problemSet().isEmpty()) {
      // Their own stream: the same seed in SFT would otherwise make them SFT's first problems.
      return domain.generate(Split.TRAIN, o.problems(), o.difficulty(), o.seed() + PROBLEM_STREAM);
    }
    List<Problem> atLevel = ProblemFiles.read(o.problemSet()).problems().stream()
        .filter(p -> p.difficulty() == o.difficulty()).toList();
    if (atLevel.size() < o.problems()) {
      throw new IllegalArgumentException("--problemSet " + o.problemSet() + ": " + atLevel.size()
          + " problems of difficulty " + o.difficulty() + ", --problems asks for " + o.problems());
    }
    return atLevel.subList(0, o.problems());
  }

  /**
   * {@code o.scarce()} of {@code candidates}, stratified by how many of {@code votes} samples of the
   * input model solve each; the count is kept in each problem's metadata {@code solve_count}.
   */
  static List<Problem> scarce(Llama model, Tokenizer tokenizer, List<Problem> candidates, Options o) {
    Map<String, List<String>> sampled = Embedded.sampledAnswers(model, tokenizer, candidates, o.votes(),
        maxNewTokens(tokenizer, candidates, o), o.seed() + 2);
    Map<String, Integer> solveCounts = new LinkedHashMap<>();
    for (Problem p : candidates) {
      solveCounts.put(p.id(), (int) sampled.getOrDefault(p.id(), List.of()).stream()
          .filter(a -> Domains.grade(p, a) == Verdict.CORRECT).count());
    }
    return WeakSupervision.scarce(candidates, o.scarce(), o.scarce(), solveCounts, o.votes(), o.keepUnsolved(),
        o.seed()).stream()
        .map(p -> p.withMeta(Map.of("solve_count", String.valueOf(solveCounts.get(p.id()))))).toList();
  }

  /** {@code --maxNewTokens}, or (0) the training problems' {@link LengthBudget}. */
  static int maxNewTokens(Tokenizer tokenizer, List<Problem> problems, Options o) {
    if (o.maxNewTokens() > 0) {
      return o.maxNewTokens();
    }
    return LengthBudget.of(tokenizer, problems).orElseThrow(() -> new IllegalArgumentException(
        "rlvr: the training problems carry no reference solutions to size rollouts by; pass --maxNewTokens"));
  }

  /**
   * The saturation alarm on a step's row: adds the smoothed reward and its running maximum, warns
   * once when the reward saturates within the rapid window, and ends the run then if asked to.
   */
  static boolean watch(SaturationAlarm alarm, Map<String, Double> row, Options o, Consumer<String> log) {
    long step = row.get("step").longValue();
    boolean fired = alarm.observe(step, row.get("reward_mean"));
    row.put("reward_smoothed", alarm.smoothedReward());
    row.put("reward_max", alarm.maxReward());
    if (fired) {
      log.accept(String.format("%s: WARNING reward saturated at step %d of %d (smoothed %.3f, max %.3f): runs that"
          + " saturate this early memorise; evaluate the step checkpoints to see held-out accuracy%s", NAME,
          alarm.rapidSaturationStep().orElseThrow(), o.steps(), alarm.smoothedReward(), alarm.maxReward(),
          o.stopOnRapidSaturation() ? "; stopping (--stopOnRapidSaturation)" : ""));
    }
    return !(fired && o.stopOnRapidSaturation());
  }

  public static String run(String out, String input, Options o, Consumer<String> log) {
    Domain domain = Domains.get(o.domain());
    StageSpec spec = o.spec(List.of(StageManifest.read(input).path("key").asText()));
    return StageManifest.runOnce(out, spec, List.of(input), dir -> {
      Tokenizer tokenizer = Embedded.tokenizer(input);
      Trainer.Settings settings = Trainer.Settings.of(o.steps(), LrSchedule.constant(o.lr(), o.steps()), o.seed())
          .withCheckpointEvery(o.checkpointEvery());
      try (NDManager m = NDManager.newBaseManager(); Llama model = Embedded.load(input, m);
          Llama reference = Embedded.load(input, m)) {
        List<Problem> candidates = trainingProblems(domain, o);
        List<Problem> truth = o.scarce() > 0 ? scarce(model, tokenizer, candidates, o) : candidates;
        TrainingSets.write(dir, truth);
        List<int[]> prompts = truth.stream().map(p -> ProblemPrompts.of(tokenizer, p)).toList();
        int maxNewTokens = maxNewTokens(tokenizer, truth, o);
        GrpoObjective.Settings grpo = new GrpoObjective.Settings(o.prompts(), o.group(), o.sampled(), o.temperature(),
            maxNewTokens, o.clip(), o.klBeta(), o.divideByStd(), o.miniBatches(), o.seed());
        List<Problem> labels = o.reward().equals("noisy") ? noisyLabels(model, tokenizer, truth, o) : truth;
        GrpoObjective objective = new GrpoObjective(prompts, reference, grpo,
            RewardModes.create(o.reward(), domain, labels, truth, tokenizer, o.group(), o.seed()),
            tokenizer.stopIds(), tokenizer.padId());
        SaturationAlarm alarm = SaturationAlarm.defaults();
        List<Map<String, Double>> rows = StageTraining.train(dir, model, tokenizer, settings, objective,
            row -> watch(alarm, row, o, log), NAME, log);
        Map<String, Double> figures = new LinkedHashMap<>();
        alarm.rapidSaturationStep().ifPresent(step -> figures.put("rapid_saturation_step", (double) step));
        if (rows.size() < o.steps()) {
          figures.put("stopped_on_rapid_saturation_at_step", (double) rows.size());
        }
        figures.put("max_new_tokens", (double) maxNewTokens);
        // RL on problems an upstream stage already trained on starts from memorised answers.
        figures.put("train_overlap_with_upstream",
            (double) TrainingSets.overlap(truth, List.of(), Storage.resolve(input, Embedded.MODEL)));
        figures.put("reward_first", StageTraining.tenPercentMean(rows, "reward_mean", false));
        figures.put("reward_last", StageTraining.tenPercentMean(rows, "reward_mean", true));
        figures.put("true_accuracy_first", StageTraining.tenPercentMean(rows, "true_accuracy", false));
        figures.put("true_accuracy_last", StageTraining.tenPercentMean(rows, "true_accuracy", true));
        return figures;
      }
    }, log);
  }
}

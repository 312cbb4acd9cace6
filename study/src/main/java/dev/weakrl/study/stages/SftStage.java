package dev.weakrl.study.stages;

import ai.djl.ndarray.NDManager;
import dev.weakrl.common.Storage;
import dev.weakrl.common.options.Option;
import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.domain.Trace;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.train.LrSchedule;
import dev.weakrl.models.train.ResponseLmObjective;
import dev.weakrl.models.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stage {@code sft}: masked response LM on a domain's reference traces. Variant {@code thinking}
 * trains on {@code <think>} steps {@code </think> \boxed{x}}; {@code nonthinking} on the same
 * traces with the think block removed. Figures: greedy accuracy on held-out problems of the
 * training difficulty before and after ({@code accuracy_before}, {@code accuracy_after}).
 */
public final class SftStage {
  public static final String NAME = "sft";
  public static final List<String> VARIANTS = List.of("thinking", "nonthinking");

  public record Options(
      @Option(defaultValue = "thinking", help = "thinking (<think> steps </think> + boxed answer) or nonthinking"
          + " (boxed answer only)") String variant,
      @Option(defaultValue = "arith", help = "domain of the training and held-out problems") String domain,
      @Option(defaultValue = "1", min = 1, help = "difficulty level of the problems (1 = easiest)") int difficulty,
      @Option(defaultValue = "4000", min = 1, help = "training problems generated") int problems,
      @Option(defaultValue = "800", min = 1, help = "optimizer steps") int steps,
      @Option(defaultValue = "32", min = 1, help = "examples per step") int batch,
      @Option(defaultValue = "1e-3", min = 0, minExclusive = true,
          help = "peak learning rate (linear warmup over 5% of steps, cosine to a tenth)")
      double lr,
      @Option(defaultValue = "64", min = 0,
          help = "held-out problems for accuracy_before/accuracy_after (greedy); 0 skips both")
      int evalProblems,
      @Option(defaultValue = "0", min = 0, help = "generation limit when evaluating; 0 = the held-out problems' longest"
          + " reference solution x 1.3") int maxNewTokens,
      @Option(defaultValue = "1", help = "seed of the problems and the data order") long seed)
      implements StageOptions {
    public Options {
      if (!VARIANTS.contains(variant)) {
        throw new IllegalArgumentException("--variant must be one of " + VARIANTS + ", got '" + variant + "'");
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
      return SftStage.run(out, input, this, log);
    }
  }

  private SftStage() {}

  /** The training target of a problem for a variant. */
  static String target(Domain domain, Problem p, String variant) {
    String thinking = p.reasoningTrace().orElseGet(() -> domain.thinking(p.question()));
    return variant.equals("thinking") ? thinking
        : thinking.substring(thinking.lastIndexOf(Trace.CLOSE) + Trace.CLOSE.length()).trim();
  }

  public static String run(String out, String input, Options o, Consumer<String> log) {
    Domain domain = Domains.get(o.domain());
    StageSpec spec = o.spec(List.of(StageManifest.read(input).path("key").asText()));
    return StageManifest.runOnce(out, spec, List.of(input), dir -> {
      Tokenizer tokenizer = Embedded.tokenizer(input);
      List<Problem> problems = domain.generate(Split.TRAIN, o.problems(), o.difficulty(), o.seed());
      TrainingSets.write(dir, problems);
      List<ResponseLmObjective.Example> examples = problems.stream()
          .map(p -> new ResponseLmObjective.Example(ProblemPrompts.of(tokenizer, p),
              ChatFormat.response(tokenizer, target(domain, p, o.variant()))))
          .toList();
      List<Problem> heldOut = domain.generate(Split.HELD_OUT, o.evalProblems(), o.difficulty(), o.seed() + 7_000);
      Trainer.Settings settings = Trainer.Settings.of(o.steps(), LrSchedule.warmupCosine(o.lr(), o.steps()), o.seed());
      ResponseLmObjective objective = new ResponseLmObjective(examples, o.batch(), 1, tokenizer.padId());
      try (NDManager m = NDManager.newBaseManager(); Llama model = Embedded.load(input, m)) {
        if (heldOut.isEmpty()) {
          StageTraining.train(dir, model, tokenizer, settings, objective, Trainer.StepMonitor.NONE, NAME, log);
          return Map.of();
        }
        int maxNewTokens = o.maxNewTokens() > 0 ? o.maxNewTokens() : LengthBudget.of(tokenizer, heldOut).orElseThrow();
        double before = Embedded.mean(Embedded.greedyCorrect(model, tokenizer, domain, heldOut, maxNewTokens));
        StageTraining.train(dir, model, tokenizer, settings, objective, Trainer.StepMonitor.NONE, NAME, log);
        double after = Embedded.mean(Embedded.greedyCorrect(model, tokenizer, domain, heldOut, maxNewTokens));
        log.accept(String.format("%s: greedy accuracy %.3f -> %.3f", NAME, before, after));
        return Map.of("accuracy_before", before, "accuracy_after", after, "overlap_with_training",
            (double) TrainingSets.overlap(heldOut, problems, Storage.resolve(input, Embedded.MODEL)));
      }
    }, log);
  }
}

package dev.weakrl.study.stages;

import ai.djl.ndarray.NDManager;
import dev.weakrl.common.options.Option;
import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.train.CausalLmObjective;
import dev.weakrl.models.train.LrSchedule;
import dev.weakrl.models.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stage {@code base}: pre-trains the embedded default from random initialisation on the {@link
 * BaseCorpus}, causal LM on packed sequences. Figure: greedy accuracy of the base model on
 * held-out level-1 {@code arith} problems ({@code accuracy}, low but usually non-zero).
 */
public final class BaseStage {
  public static final String NAME = "base";

  public record Options(
      @Option(defaultValue = "600", min = 1, help = "optimizer steps") int steps,
      @Option(defaultValue = "16", min = 1, help = "sequences per step") int batch,
      @Option(defaultValue = "128", min = 2, help = "tokens per packed sequence") int context,
      @Option(defaultValue = "3e-3", min = 0, minExclusive = true,
          help = "peak learning rate (linear warmup over 5% of steps, cosine to a tenth)")
      double lr,
      @Option(defaultValue = "20000", min = 1, help = "base-corpus documents") int documents,
      @Option(defaultValue = "1", help = "seed of the initialisation, the corpus and the data order") long seed)
      implements StageOptions {
    public static Options defaults() {
      return OptionRecords.defaults(Options.class);
    }

    @Override
    public String stage() {
      return NAME;
    }

    @Override
    public String run(String out, String input, Consumer<String> log) {
      if (!input.isEmpty()) {
        throw new IllegalArgumentException("base: pre-trains from random initialisation, takes no input (got " + input + ")");
      }
      return BaseStage.run(out, this, log);
    }
  }

  private BaseStage() {}

  public static String run(String out, Options o, Consumer<String> log) {
    StageSpec spec = o.spec(List.of());
    return StageManifest.runOnce(out, spec, List.of(), dir -> {
      Tokenizer tokenizer = Embedded.tokenizer();
      BaseCorpus.Corpus corpus = BaseCorpus.of(o.documents(), o.seed());
      TrainingSets.write(dir, corpus.problems());
      int[] stream = CausalLmObjective.pack(corpus.texts().stream().map(tokenizer::encode).toList(),
          tokenizer.eosId());
      Trainer.Settings settings = Trainer.Settings.of(o.steps(), LrSchedule.warmupCosine(o.lr(), o.steps()), o.seed());
      try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(Embedded.config(), m, o.seed())) {
        List<Map<String, Double>> rows = StageTraining.train(dir, model, tokenizer, settings,
            new CausalLmObjective(stream, o.context(), o.batch(), 1), Trainer.StepMonitor.NONE, NAME, log);
        List<Problem> heldOut = Domains.get("arith").generate(Split.HELD_OUT, 64, 1, o.seed() + 7_000);
        double accuracy = Embedded.mean(Embedded.greedyCorrect(model, tokenizer, Domains.get("arith"), heldOut,
            LengthBudget.of(tokenizer, heldOut).orElseThrow()));
        return Map.of("loss_last", StageTraining.tenPercentMean(rows, "loss", true), "accuracy", accuracy,
            "overlap_with_training", (double) TrainingSets.overlap(heldOut, corpus.problems(), ""));
      }
    }, log);
  }
}

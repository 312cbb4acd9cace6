package dev.weakrl.study.stages;

import ai.djl.ndarray.NDManager;
import dev.weakrl.common.options.Option;
import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.train.CausalLmObjective;
import dev.weakrl.models.train.LrSchedule;
import dev.weakrl.models.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stage {@code base}, where every lineage starts: pre-trains the embedded default from random
 * initialisation on the {@link BaseCorpus}, causal LM on packed sequences; or, with {@code from},
 * imports a model directory (Hugging Face or ours, local or gs://) with its tokenizer and chat
 * template, so that every later stage trains it the same way. Figure: greedy accuracy of the base
 * model on held-out level-1 {@code arith} problems ({@code accuracy}).
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
      @Option(defaultValue = "1", help = "seed of the initialisation, the corpus and the data order") long seed,
      @Option(defaultValue = "", help = "a model directory to start from instead of pre-training: a Hugging Face"
          + " directory (config.json, tokenizer.json, safetensors) or a checkpoint, local or gs://") String from)
      implements StageOptions {
    public static Options defaults() {
      return OptionRecords.defaults(Options.class);
    }

    /** Imports {@code dir}: the options that pre-train ({@code steps}, ...) do not apply. */
    public static Options from(String dir) {
      return defaults().with("from", dir);
    }

    /**
     * An imported base is keyed by its directory and {@link Checkpoint#fingerprint}, so the same
     * model gives the same stage and a changed one a new stage; a pre-trained base by its options.
     */
    @Override
    public StageSpec spec(List<String> inputKeys) {
      if (!from.isEmpty()) {
        return new StageSpec(NAME, Map.of("from", from, "fingerprint", Checkpoint.fingerprint(from)), inputKeys);
      }
      Map<String, String> options = new java.util.TreeMap<>(StageOptions.super.spec(inputKeys).options());
      options.remove("from"); // so the keys of pre-trained bases stay those they had before imports
      return new StageSpec(NAME, options, inputKeys);
    }

    @Override
    public String stage() {
      return NAME;
    }

    @Override
    public String run(String out, String input, Consumer<String> log) {
      if (!input.isEmpty()) {
        throw new IllegalArgumentException("base: starts a lineage, takes no input stage (got " + input + ")");
      }
      return BaseStage.run(out, this, log);
    }
  }

  private BaseStage() {}

  public static String run(String out, Options o, Consumer<String> log) {
    if (!o.from().isEmpty()) {
      Checkpoint.check(o.from()); // a bad directory fails here, naming what is wrong, before a stage directory exists
      return StageManifest.runOnce(out, o.spec(List.of()), List.of(), dir -> imported(dir, o.from(), log), log);
    }
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
        List<Problem> heldOut = heldOut(o.seed());
        return Map.of("loss_last", StageTraining.tenPercentMean(rows, "loss", true), "accuracy",
            accuracy(model, tokenizer, heldOut), "overlap_with_training",
            (double) TrainingSets.overlap(heldOut, corpus.problems(), ""));
      }
    }, log);
  }

  /**
   * Copies the model in {@code from} into the stage as a checkpoint (weights in f32, every byte
   * digested from here on), with its tokenizer files as they are. What trained it is unknown, so
   * the stage has no {@code train.parquet}.
   */
  private static Map<String, Double> imported(String dir, String from, Consumer<String> log) {
    try (NDManager m = NDManager.newBaseManager()) {
      Checkpoint.Loaded loaded = Checkpoint.load(from, m);
      try (Llama model = loaded.model(m)) {
        log.accept(NAME + ": imported " + from + " (" + model.config().modelType() + ", "
            + model.parameters().values().stream().mapToLong(t -> t.getShape().size()).sum() + " parameters)");
        Embedded.save(dir, model, loaded.tokenizer(), NAME);
        return Map.of("accuracy", accuracy(model, loaded.tokenizer(), heldOut(Options.defaults().seed())));
      }
    }
  }

  private static List<Problem> heldOut(long seed) {
    return Domains.get("arith").generate(Split.HELD_OUT, 64, 1, seed + 7_000);
  }

  private static double accuracy(Llama model, Tokenizer tokenizer, List<Problem> heldOut) {
    return Embedded.mean(Embedded.greedyCorrect(model, tokenizer, Domains.get("arith"), heldOut,
        LengthBudget.of(tokenizer, heldOut).orElseThrow()));
  }
}

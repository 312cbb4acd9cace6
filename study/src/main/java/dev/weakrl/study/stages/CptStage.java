package dev.weakrl.study.stages;

import ai.djl.ndarray.NDManager;
import dev.weakrl.common.options.Option;
import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.train.CausalLmObjective;
import dev.weakrl.models.train.LrSchedule;
import dev.weakrl.models.train.Trainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Stage {@code cpt}: continual pre-training of an input model (the base by default) on a domain's
 * corpus ({@link Domain#corpus}: facts and operations, no problems) mixed with a {@code replay}
 * share of base-corpus documents, causal LM on windows of the packed stream. Without replay the
 * model forgets the answer format (accuracy 0 after CPT on the domain corpus alone).
 */
public final class CptStage {
  public static final String NAME = "cpt";

  /**
   * @param replay 0.8: measured, the least replay whose held-out accuracy after CPT is the base's
   *     (README)
   */
  public record Options(
      @Option(defaultValue = "arith", help = "domain whose corpus to train on") String domain,
      @Option(defaultValue = "100", min = 1, help = "optimizer steps") int steps,
      @Option(defaultValue = "16", min = 1, help = "sequences per step") int batch,
      @Option(defaultValue = "128", min = 2, help = "tokens per packed sequence") int context,
      @Option(defaultValue = "1e-3", min = 0, minExclusive = true,
          help = "peak learning rate (linear warmup over 5% of steps, cosine to a tenth)")
      double lr,
      @Option(defaultValue = "400000", min = 1, help = "size of the CPT corpus in characters") int corpusChars,
      @Option(defaultValue = "0.8", help = "share of the corpus that is replayed base-corpus text, so the answer"
          + " format survives (0..1)") double replay,
      @Option(defaultValue = "1", help = "seed of the corpus and the data order") long seed)
      implements StageOptions {
    public Options {
      if (!(replay >= 0 && replay < 1)) {
        throw new IllegalArgumentException("--replay must be in [0, 1), got " + replay);
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
      return CptStage.run(out, input, this, log);
    }
  }

  private CptStage() {}

  /** CPT's documents (the domain corpus first, then shuffled replay) and the problems replayed. */
  record Mix(List<String> documents, List<Problem> replayed) {}

  /**
   * {@code corpusChars} characters: the domain corpus, then base-corpus documents (a fresh draw,
   * training-side problems only) up to the {@code replay} share.
   */
  static Mix mix(Domain domain, Options o) {
    Random random = new Random(o.seed());
    int replayChars = (int) Math.round(o.replay() * o.corpusChars());
    List<String> documents = new ArrayList<>(List.of(domain.corpus(random, o.corpusChars() - replayChars)));
    List<Problem> replayed = new ArrayList<>();
    int chars = 0;
    // Every base document is longer than 10 characters, so this many always reach the share.
    for (BaseCorpus.Document d : BaseCorpus.of(replayChars / 10 + 1, o.seed() + 1).documents()) {
      if (chars >= replayChars) {
        break;
      }
      documents.add(d.text());
      d.problem().ifPresent(replayed::add);
      chars += d.text().length() + 1;
    }
    Collections.shuffle(documents.subList(1, documents.size()), random);
    return new Mix(documents, replayed);
  }

  public static String run(String out, String input, Options o, Consumer<String> log) {
    Domain domain = Domains.get(o.domain());
    StageSpec spec = o.spec(List.of(StageManifest.read(input).path("key").asText()));
    return StageManifest.runOnce(out, spec, List.of(input), dir -> {
      Tokenizer tokenizer = Embedded.tokenizer(input);
      Mix mix = mix(domain, o);
      TrainingSets.write(dir, mix.replayed());
      int[] stream = CausalLmObjective.pack(mix.documents().stream().map(tokenizer::encode).toList(),
          tokenizer.eosId());
      Trainer.Settings settings = Trainer.Settings.of(o.steps(), LrSchedule.warmupCosine(o.lr(), o.steps()), o.seed());
      try (NDManager m = NDManager.newBaseManager(); Llama model = Embedded.load(input, m)) {
        List<Map<String, Double>> rows = StageTraining.train(dir, model, tokenizer, settings,
            new CausalLmObjective(stream, o.context(), o.batch(), 1), Trainer.StepMonitor.NONE, NAME, log);
        return Map.of("loss_first", StageTraining.tenPercentMean(rows, "loss", false),
            "loss_last", StageTraining.tenPercentMean(rows, "loss", true));
      }
    }, log);
  }
}

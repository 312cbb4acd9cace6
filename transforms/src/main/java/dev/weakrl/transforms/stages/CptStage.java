package dev.weakrl.transforms.stages;

import ai.djl.ndarray.NDManager;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.train.AdamW;
import dev.weakrl.models.train.CausalLmObjective;
import dev.weakrl.models.train.LrSchedule;
import dev.weakrl.models.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Stage {@code cpt}: continual pre-training of an input model (the base by default) on a domain's
 * corpus ({@link Domain#corpus}: facts and operations, no problems), causal LM on sequences packed
 * to the context length.
 */
public final class CptStage {
  public static final String NAME = "cpt";

  public record Options(String domain, int steps, int batch, int context, double lr, int corpusChars, long seed)
      implements StageOptions {
    public static Options defaults() {
      return new Options("arith", 200, 16, 128, 1e-3, 400_000, 1);
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

  public static String run(String out, String input, Options o, Consumer<String> log) {
    Domain domain = Domains.get(o.domain());
    StageSpec spec = o.spec(List.of(StageManifest.read(input).path("key").asText()));
    return StageManifest.runOnce(out, spec, List.of(input), dir -> {
      Tokenizer tokenizer = Embedded.tokenizer();
      int[] stream = tokenizer.encode(domain.corpus(new Random(o.seed()), o.corpusChars()));
      Trainer.Settings settings = new Trainer.Settings(o.steps(), new LrSchedule(o.lr(), o.steps() / 20, o.steps(),
          o.lr() / 10), AdamW.Settings.defaults(), o.seed(), 0, 0, 50, 5);
      try (NDManager m = NDManager.newBaseManager(); Llama model = Embedded.load(input, m)) {
        List<Map<String, Double>> rows = StageTraining.train(dir, model, tokenizer, settings,
            new CausalLmObjective(stream, o.context(), o.batch(), 1), x -> Map.of(), NAME, log);
        return Map.of("loss_first", StageTraining.tenPercentMean(rows, "loss", false),
            "loss_last", StageTraining.tenPercentMean(rows, "loss", true));
      }
    }, log);
  }
}

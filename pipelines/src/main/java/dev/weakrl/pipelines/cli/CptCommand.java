package dev.weakrl.pipelines.cli;

import dev.weakrl.transforms.stages.CptStage;
import java.util.List;
import java.util.Map;

/** {@code ./weakrl cpt}: continual pre-training on a domain corpus. */
final class CptCommand implements Command {
  static final Map<String, String> HELP = Map.of(
      "domain", "domain whose corpus to train on",
      "steps", "optimizer steps",
      "batch", "sequences per step",
      "context", "tokens per packed sequence",
      "lr", "peak learning rate (linear warmup over 5% of steps, cosine to a tenth)",
      "corpusChars", "size of the domain corpus in characters",
      "seed", "seed of the corpus and the data order");

  @Override
  public String name() {
    return "cpt";
  }

  @Override
  public String summary() {
    return "continual pre-training (causal LM) of the base model on a domain corpus";
  }

  @Override
  public int run(String[] argv) {
    Args args = StageCommands.common("./weakrl cpt [--out DIR] [--from STAGE_DIR] [options]");
    RecordOptions.declare(args, CptStage.Options.defaults(), HELP).parse(argv);
    if (args.helpRequested()) {
      System.out.println(args.helpText());
      return 0;
    }
    String out = args.get("out");
    String input = StageInputs.resolve(out, args.getOrNull("from"), List.of());
    String dir = CptStage.run(out, input, RecordOptions.parse(args, CptStage.Options.class), System.err::println);
    return StageCommands.report(dir);
  }
}

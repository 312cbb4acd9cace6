package dev.weakrl.pipelines.cli;

import dev.weakrl.transforms.stages.CptStage;
import dev.weakrl.transforms.stages.SftStage;
import java.util.List;
import java.util.Map;

/** {@code ./weakrl sft}: supervised fine-tuning on thinking or non-thinking traces. */
final class SftCommand implements Command {
  static final Map<String, String> HELP = Map.ofEntries(
      Map.entry("variant", "thinking (<think> steps </think> + boxed answer) or nonthinking (boxed answer only)"),
      Map.entry("domain", "domain of the training and held-out problems"),
      Map.entry("difficulty", "difficulty level of the problems (1 = easiest)"),
      Map.entry("problems", "training problems generated"),
      Map.entry("steps", "optimizer steps"),
      Map.entry("batch", "examples per step"),
      Map.entry("lr", "peak learning rate (linear warmup over 5% of steps, cosine to a tenth)"),
      Map.entry("evalProblems", "held-out problems for accuracy_before/accuracy_after (greedy)"),
      Map.entry("maxNewTokens", "generation limit when evaluating"),
      Map.entry("seed", "seed of the problems and the data order"));

  @Override
  public String name() {
    return "sft";
  }

  @Override
  public String summary() {
    return "supervised fine-tuning on reasoning traces (--variant thinking|nonthinking)";
  }

  @Override
  public int run(String[] argv) {
    Args args = StageCommands.common("./weakrl sft [--out DIR] [--variant thinking|nonthinking] [options]");
    RecordOptions.declare(args, SftStage.Options.defaults(), HELP).parse(argv);
    if (args.helpRequested()) {
      System.out.println(args.helpText());
      return 0;
    }
    String out = args.get("out");
    SftStage.Options options = RecordOptions.parse(args, SftStage.Options.class);
    String input = StageInputs.resolve(out, args.getOrNull("from"), List.of(CptStage.NAME));
    return StageCommands.report(SftStage.run(out, input, options, System.err::println));
  }
}

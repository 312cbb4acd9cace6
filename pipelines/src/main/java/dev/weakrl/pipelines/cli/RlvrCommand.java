package dev.weakrl.pipelines.cli;

import dev.weakrl.transforms.stages.CptStage;
import dev.weakrl.transforms.stages.RlvrStage;
import dev.weakrl.transforms.stages.SftStage;
import java.util.List;
import java.util.Map;

/** {@code ./weakrl rlvr}: GRPO with a verifiable or weak reward. */
final class RlvrCommand implements Command {
  static final Map<String, String> HELP = Map.ofEntries(
      Map.entry("reward", "verifiable|noisy|majority|self-certainty|random|format"),
      Map.entry("domain", "domain of the training problems"),
      Map.entry("difficulty", "difficulty level of the problems (1 = easiest)"),
      Map.entry("problems", "training problems (generated, or the first of --problemSet)"),
      Map.entry("problemSet", "veRL Parquet/JSONL file of training problems, e.g. a prepare stage's full.parquet"
          + " (empty: generate them)"),
      Map.entry("steps", "GRPO steps"),
      Map.entry("prompts", "prompts per step"),
      Map.entry("group", "responses per prompt used for the update (G)"),
      Map.entry("votes", "responses sampled per prompt for --reward majority (V >= G)"),
      Map.entry("temperature", "sampling temperature"),
      Map.entry("maxNewTokens", "response length limit"),
      Map.entry("lr", "learning rate (constant)"),
      Map.entry("klBeta", "weight of the k3 KL penalty to the frozen input model"),
      Map.entry("clip", "surrogate clip range epsilon"),
      Map.entry("divideByStd", "divide advantages by the group's std (false: mean-centred only)"),
      Map.entry("miniBatches", "optimizer updates per step (the step's batch split evenly)"),
      Map.entry("noise", "fraction of corrupted labels for --reward noisy"),
      Map.entry("checkpointEvery", "step checkpoint interval under steps/ (0: none); reruns resume"),
      Map.entry("seed", "seed of the problems, prompt order and sampling"));

  @Override
  public String name() {
    return "rlvr";
  }

  @Override
  public String summary() {
    return "GRPO from the SFT model with a verifiable or weak reward (--reward ...)";
  }

  @Override
  public int run(String[] argv) {
    Args args = StageCommands.common("./weakrl rlvr [--out DIR] [--reward MODE] [options]");
    RecordOptions.declare(args, RlvrStage.Options.defaults(), HELP).parse(argv);
    if (args.helpRequested()) {
      System.out.println(args.helpText());
      return 0;
    }
    String out = args.get("out");
    RlvrStage.Options options = RecordOptions.parse(args, RlvrStage.Options.class);
    String input = StageInputs.resolve(out, args.getOrNull("from"), List.of(SftStage.NAME, CptStage.NAME));
    return StageCommands.report(RlvrStage.run(out, input, options, System.err::println));
  }
}

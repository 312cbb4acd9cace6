package dev.weakrl.pipelines.cli;

import dev.weakrl.common.Json;
import dev.weakrl.study.stages.CptStage;
import dev.weakrl.study.stages.RlvrStage;
import dev.weakrl.study.stages.SftStage;
import dev.weakrl.study.stages.StageManifest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ./weakrl cpt|sft|rlvr}: one training stage run directly. Its options are the stage's
 * options record (defaults stated once, in the record), plus {@code --out} and {@code --from}; the
 * input is {@code --from}, else the newest complete earlier stage in {@code --out}, else the base.
 */
final class StageCommand<O extends Record> implements Command {
  /** A stage runner: {@code CptStage::run}, {@code SftStage::run}, {@code RlvrStage::run}. */
  interface Runner<O> {
    String run(String out, String input, O options, Consumer<String> log);
  }

  private final String name;
  private final String summary;
  private final String usage;
  private final O defaults;
  private final Class<O> type;
  private final Map<String, String> help;
  private final List<String> inputStages;
  private final Runner<O> runner;

  private StageCommand(String name, String summary, String usage, O defaults, Class<O> type, Map<String, String> help,
      List<String> inputStages, Runner<O> runner) {
    this.name = name;
    this.summary = summary;
    this.usage = usage;
    this.defaults = defaults;
    this.type = type;
    this.help = help;
    this.inputStages = inputStages;
    this.runner = runner;
  }

  static StageCommand<CptStage.Options> cpt() {
    return new StageCommand<>("cpt", "continual pre-training (causal LM) of the base model on a domain corpus",
        "./weakrl cpt [--out DIR] [--from STAGE_DIR] [options]", CptStage.Options.defaults(), CptStage.Options.class,
        CPT_HELP, List.of(), CptStage::run);
  }

  static StageCommand<SftStage.Options> sft() {
    return new StageCommand<>("sft", "supervised fine-tuning on reasoning traces (--variant thinking|nonthinking)",
        "./weakrl sft [--out DIR] [--variant thinking|nonthinking] [options]", SftStage.Options.defaults(),
        SftStage.Options.class, SFT_HELP, List.of(CptStage.NAME), SftStage::run);
  }

  static StageCommand<RlvrStage.Options> rlvr() {
    return new StageCommand<>("rlvr", "GRPO from the SFT model with a verifiable or weak reward (--reward ...)",
        "./weakrl rlvr [--out DIR] [--reward verifiable|noisy|majority|self-certainty|random|format] [options]",
        RlvrStage.Options.defaults(), RlvrStage.Options.class, RLVR_HELP, List.of(SftStage.NAME, CptStage.NAME),
        RlvrStage::run);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String summary() {
    return summary;
  }

  @Override
  public int run(String[] argv) {
    Args args = new Args(usage)
        .option("out", "runs", "run directory: stages go to <out>/stages/<stage>-<key>/")
        .option("from", null, "input stage directory (default: the newest earlier stage in --out, else the base)");
    RecordOptions.declare(args, defaults, help).parse(argv);
    if (args.helpRequested()) {
      System.out.println(args.helpText());
      return 0;
    }
    String out = args.get("out");
    O options = RecordOptions.parse(args, type);
    String input = StageInputs.resolve(out, args.getOrNull("from"), inputStages);
    String dir = runner.run(out, input, options, System.err::println);
    System.out.println(dir);
    System.out.println(Json.write(StageManifest.read(dir).path("figures")));
    return 0;
  }

  private static final Map<String, String> CPT_HELP = Map.of(
      "domain", "domain whose corpus to train on",
      "steps", "optimizer steps",
      "batch", "sequences per step",
      "context", "tokens per packed sequence",
      "lr", "peak learning rate (linear warmup over 5% of steps, cosine to a tenth)",
      "corpusChars", "size of the CPT corpus in characters",
      "replay", "share of the corpus that is replayed base-corpus text, so the answer format survives (0..1)",
      "seed", "seed of the corpus and the data order");

  private static final Map<String, String> SFT_HELP = Map.ofEntries(
      Map.entry("variant", "thinking (<think> steps </think> + boxed answer) or nonthinking (boxed answer only)"),
      Map.entry("domain", "domain of the training and held-out problems"),
      Map.entry("difficulty", "difficulty level of the problems (1 = easiest)"),
      Map.entry("problems", "training problems generated"),
      Map.entry("steps", "optimizer steps"),
      Map.entry("batch", "examples per step"),
      Map.entry("lr", "peak learning rate (linear warmup over 5% of steps, cosine to a tenth)"),
      Map.entry("evalProblems", "held-out problems for accuracy_before/accuracy_after (greedy)"),
      Map.entry("maxNewTokens", "generation limit when evaluating; 0 = the held-out problems' longest reference"
          + " solution x 1.3"),
      Map.entry("seed", "seed of the problems and the data order"));

  private static final Map<String, String> RLVR_HELP = Map.ofEntries(
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
      Map.entry("maxNewTokens", "response length limit; 0 = the training problems' longest reference solution x 1.3"),
      Map.entry("lr", "learning rate (constant)"),
      Map.entry("klBeta", "weight of the k3 KL penalty to the frozen input model"),
      Map.entry("clip", "surrogate clip range epsilon"),
      Map.entry("divideByStd", "divide advantages by the group's std (false: mean-centred only)"),
      Map.entry("miniBatches", "optimizer updates per step (the step's batch split evenly)"),
      Map.entry("scarce", "0: train on all --problems; N: on N of them stratified by the input model's solve@votes"
          + " (the scarce-data setting)"),
      Map.entry("keepUnsolved", "let --scarce pick problems the input model solves never or always"),
      Map.entry("noise", "fraction of corrupted labels for --reward noisy"),
      Map.entry("checkpointEvery", "step checkpoint interval under steps/ (0: none); reruns resume"),
      Map.entry("seed", "seed of the problems, prompt order and sampling"));
}

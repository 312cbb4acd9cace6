package dev.weakrl.pipelines.cli;

import dev.weakrl.common.Json;
import dev.weakrl.models.nn.EngineThreads;
import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.study.stages.CptStage;
import dev.weakrl.study.stages.RlvrStage;
import dev.weakrl.study.stages.SftStage;
import dev.weakrl.study.stages.StageManifest;
import dev.weakrl.study.stages.StageOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./weakrl cpt|sft|rlvr}: one training stage run directly. Its options are the stage's
 * options record (each declared once, on the record), plus {@code --out} and {@code --from}; the
 * input is {@code --from}, else the newest complete earlier stage in {@code --out}, else the base.
 */
final class StageCommand<O extends Record & StageOptions> implements Command {
  private final String name;
  private final String summary;
  private final String usage;
  private final Class<O> type;
  private final List<String> inputStages;

  private StageCommand(String name, String summary, String usage, Class<O> type, List<String> inputStages) {
    this.name = name;
    this.summary = summary;
    this.usage = usage;
    this.type = type;
    this.inputStages = inputStages;
  }

  static StageCommand<CptStage.Options> cpt() {
    return new StageCommand<>(CptStage.NAME, "continual pre-training (causal LM) of the base model on a domain corpus",
        "./weakrl cpt [--out DIR] [--from STAGE_DIR] [options]", CptStage.Options.class, List.of());
  }

  static StageCommand<SftStage.Options> sft() {
    return new StageCommand<>(SftStage.NAME, "supervised fine-tuning on reasoning traces (--variant thinking|nonthinking)",
        "./weakrl sft [--out DIR] [--variant thinking|nonthinking] [options]", SftStage.Options.class,
        List.of(CptStage.NAME));
  }

  static StageCommand<RlvrStage.Options> rlvr() {
    return new StageCommand<>(RlvrStage.NAME, "GRPO from the SFT model with a verifiable or weak reward (--reward ...)",
        "./weakrl rlvr [--out DIR] [--reward verifiable|noisy|majority|self-certainty|random|format|thinking-format]"
            + " [options]",
        RlvrStage.Options.class, List.of(SftStage.NAME, CptStage.NAME));
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
  public Args args() {
    return new Args(usage)
        .option("out", "runs", "run directory: stages go to <out>/stages/<stage>-<key>/")
        .option("from", null, "input stage directory, or a Hugging Face model directory to import as the base"
            + " (default: the newest earlier stage in --out, else the embedded base)")
        .option("threads", "0", "engine intra-op threads (0: $" + EngineThreads.ENV + ", else every core)")
        .record("", type, Set.of());
  }

  @Override
  public int run(Args args) {
    String out = args.get("out");
    Map<String, String> given = new LinkedHashMap<>(args.given(""));
    given.keySet().removeAll(Set.of("out", "from", "threads"));
    EngineThreads.set(args.getInt("threads"), 1);
    O options = OptionRecords.with(OptionRecords.defaults(type), given);
    String input = StageInputs.resolve(out, args.getOrNull("from"), inputStages);
    String dir = options.run(out, input, System.err::println);
    System.out.println(dir);
    System.out.println(Json.write(StageManifest.read(dir).path("figures")));
    return 0;
  }
}

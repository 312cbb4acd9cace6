package dev.weakrl.pipelines.cli;

import dev.weakrl.common.Json;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.pipelines.study.StudyPipeline;
import dev.weakrl.study.analysis.Diagnosis;
import dev.weakrl.study.analysis.FaithfulnessSummary;
import dev.weakrl.study.analysis.ProbeSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * {@code ./weakrl diagnose}: a checkpoint's reasoning faithfulness, accuracy and diversity on RL
 * training prompts before any RL, and the regime that predicts, from earlier runs' analysis.
 */
final class DiagnoseCommand implements Command {
  @Override
  public String name() {
    return "diagnose";
  }

  @Override
  public String summary() {
    return "faithfulness, accuracy, diversity of a checkpoint before RL; predicted regime";
  }

  @Override
  public Args args() {
    return new Args("./weakrl diagnose --checkpoint DIR [--problems FILE | --domain D --difficulty L] [--calibration"
        + " FILE|DIR] [--json OUT]")
        .option("checkpoint", null,
            "model directory to probe (a stage's model/, a step checkpoint or a Hugging Face directory)")
        .option("problems", null, "veRL Parquet/JSONL file of RL training problems to probe on (default: generated)")
        .option("domain", "arith", "domain of the generated problems")
        .option("difficulty", int.class, "1", "difficulty level of the generated problems")
        .option("prompts", int.class, String.valueOf(ProbeSettings.DEFAULT_PROMPTS), "prompts probed")
        .option("rollouts", int.class, String.valueOf(ProbeSettings.DEFAULT_ROLLOUTS), "responses per prompt")
        .option("distinctN", int.class, String.valueOf(ProbeSettings.DEFAULT_DISTINCT_N), "the n of distinct-n")
        .option("seed", long.class, "0", "seed of the prompt choice and the sampling")
        .option("calibration", "", "a study's report.json, or the analysis directory (<out>/analysis) holding it: its"
            + " runs' regimes and pre-RL faithfulness calibrate the prediction; default: the embedded study's, as"
            + " measured (examples/study-report.json)")
        .option("json", null, "also write the diagnosis to this JSON file");
  }

  @Override
  public int run(Args args) {
    ProbeSettings settings = new ProbeSettings(args.getInt("prompts"), args.getInt("rollouts"), List.of(),
        args.getInt("distinctN"), Long.parseLong(args.get("seed")));
    Optional<Diagnosis.Calibration> calibration = Optional.of(args.get("calibration").isEmpty()
        ? StudyPipeline.measuredCalibration() : Diagnosis.calibration(args.get("calibration")));
    Diagnosis diagnosis = Diagnosis.of(args.get("checkpoint"), problems(args, settings), settings, calibration);
    System.out.print(diagnosis.report());
    if (args.has("json")) {
      Json.writeFile(args.get("json"), json(diagnosis));
    }
    return 0;
  }

  /** The RL side of the split, as RL would train on: generated, or drawn from {@code --problems}. */
  private static List<Problem> problems(Args args, ProbeSettings settings) {
    if (!args.has("problems")) {
      return Domains.get(args.get("domain")).generate(Split.TRAIN, settings.prompts(), args.getInt("difficulty"),
          settings.seed());
    }
    List<Problem> all = new ArrayList<>(ProblemFiles.readDistinct(args.get("problems")).problems());
    if (all.isEmpty()) {
      throw new Args.UsageException("--problems " + args.get("problems") + ": no problems");
    }
    Collections.shuffle(all, new Random(settings.seed()));
    return all.subList(0, Math.min(settings.prompts(), all.size()));
  }

  private static Map<String, Object> json(Diagnosis d) {
    FaithfulnessSummary f = d.probe().faithfulness();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("checkpoint", d.probe().checkpoint());
    out.put("rollouts", f.rollouts());
    out.put("faithful", f.faithful());
    out.put("partial", f.partial());
    out.put("unfaithful", f.unfaithful());
    out.put("accuracy", f.correct());
    out.put("aligned_among_correct", f.alignedAmongCorrect());
    out.put("diversity", d.probe().meanDiversity(false));
    out.put("faithful_diversity", d.probe().meanDiversity(true));
    d.calibration().ifPresent(c -> {
      out.put("predicted_regime", c.predict(f.faithful()));
      out.put("calibration", Map.of("source", c.source(), "gradual", c.gradual(), "rapid", c.rapid()));
    });
    return out;
  }
}

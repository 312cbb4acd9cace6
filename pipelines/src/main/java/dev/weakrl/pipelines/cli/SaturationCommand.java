package dev.weakrl.pipelines.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.transforms.analysis.PhaseGains;
import dev.weakrl.transforms.analysis.Saturation;
import dev.weakrl.transforms.analysis.RunSaturation;
import dev.weakrl.transforms.analysis.SaturationPoint;
import dev.weakrl.transforms.analysis.SaturationSettings;
import dev.weakrl.transforms.analysis.StepSeries;
import dev.weakrl.transforms.analysis.StepTables;
import dev.weakrl.transforms.analysis.TableFiles;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code saturation}: t_sat, r̄_max and the regime of a step-metrics file from any framework (Parquet
 * or CSV with a step and a reward column), and with an evaluation file ({@code step, benchmark,
 * value}) Δsat and Δpost per benchmark and their in/out-of-domain means.
 */
final class SaturationCommand implements Command {
  @Override
  public String name() {
    return "saturation";
  }

  @Override
  public String summary() {
    return "saturation step, regime, pre/post-saturation gains of a step-metrics file (Parquet or CSV)";
  }

  @Override
  public int run(String[] argv) {
    Args args = new Args("./weakrl saturation --metrics FILE [--eval FILE] [--epsilon 0.99] [--tail 50] [--json OUT]")
        .option("metrics", null, "step metrics, .parquet or .csv: a 'step' column and the reward column")
        .option("reward", "reward", "the reward column of --metrics")
        .option("eval", null, "evaluations, .parquet or .csv: columns step, benchmark, value")
        .option("epsilon", "0.99", "t_sat = first step <= T_eff with reward >= epsilon * max reward")
        .option("tail", "50", "T_eff = T - tail, T the last step")
        .option("rapidBelow", "100", "regime 'rapid' when t_sat is below this step")
        .option("smooth", String.valueOf(Saturation.DEFAULT_SMOOTH), "trailing moving-average window of the reward; 1 = none")
        .option("inDomain", "", "benchmarks of --eval that are in-domain, comma-separated (the rest are out-of-domain)")
        .option("json", null, "also write the result to this JSON file")
        .parse(argv);
    if (args.helpRequested()) {
      System.out.println(args.helpText());
      return 0;
    }
    SaturationSettings settings = new SaturationSettings(args.getDouble("epsilon"), args.getInt("tail"),
        args.getInt("rapidBelow"), args.getInt("smooth"));
    StepSeries reward = StepTables.curve(TableFiles.read(args.get("metrics")), args.get("reward"), "--reward");
    Map<String, StepSeries> evals = args.has("eval") ? StepTables.evaluations(TableFiles.read(args.get("eval"))) : Map.of();
    Set<String> inDomain = Arrays.stream(args.get("inDomain").split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
    RunSaturation result = RunSaturation.compute(reward, evals, inDomain::contains, settings);
    ObjectNode json = toJson(result, args.get("metrics"), args.get("reward"), settings);
    System.out.println(Json.write(json));
    if (result.point().effectiveEnd() < reward.first().step()) {
      System.err.println("weakrl saturation: T_eff = " + result.point().effectiveEnd() + " is before the first step "
          + reward.first().step() + ": the curve is shorter than --tail " + settings.tail() + ", so it cannot saturate");
    }
    if (args.has("json")) {
      Json.writeFile(args.get("json"), json);
    }
    return 0;
  }

  static ObjectNode toJson(RunSaturation result, String metrics, String rewardColumn, SaturationSettings settings) {
    SaturationPoint p = result.point();
    ObjectNode json = Json.object().put("metrics", metrics).put("reward_column", rewardColumn)
        .put("epsilon", settings.epsilon()).put("tail", settings.tail()).put("smooth", settings.smoothWindow())
        .put("t_last", p.lastStep()).put("t_eff", p.effectiveEnd()).put("r_max", p.rewardMax());
    if (p.saturationStep().isPresent()) {
      json.put("t_sat", p.saturationStep().getAsLong());
    } else {
      json.putNull("t_sat");
    }
    json.put("regime", p.regime().label());
    json.put("note", "M(t) is the evaluated step nearest t (eval_step_start, eval_step_sat); an unsaturated run has "
        + "no t_sat and no gains");
    var benchmarks = json.putArray("benchmarks");
    for (RunSaturation.BenchmarkGains g : result.gains()) {
      PhaseGains gains = g.gains();
      ObjectNode b = benchmarks.addObject().put("benchmark", g.benchmark()).put("in_domain", g.inDomain())
          .put("eval_step_start", gains.startStep()).put("eval_step_sat", gains.saturationEvalStep());
      number(b, "m_start", gains.atStart());
      number(b, "m_sat", gains.atSaturation());
      number(b, "delta_sat", gains.deltaSat());
      number(b, "delta_post", gains.deltaPost());
    }
    for (boolean inDomain : new boolean[] {true, false}) {
      ObjectNode mean = json.putObject(inDomain ? "in_domain" : "out_of_domain");
      number(mean, "delta_sat", result.meanDeltaSat(inDomain));
      number(mean, "delta_post", result.meanDeltaPost(inDomain));
    }
    return json;
  }

  /** JSON has no NaN: undefined values are null. */
  private static void number(ObjectNode node, String name, double value) {
    if (Double.isNaN(value)) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }
}

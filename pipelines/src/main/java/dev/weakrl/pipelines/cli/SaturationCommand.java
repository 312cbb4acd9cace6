package dev.weakrl.pipelines.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.study.analysis.BenchmarkContext;
import dev.weakrl.study.analysis.PhaseGains;
import dev.weakrl.study.analysis.RunSaturation;
import dev.weakrl.study.analysis.Saturation;
import dev.weakrl.study.analysis.SaturationPoint;
import dev.weakrl.study.analysis.SaturationSettings;
import dev.weakrl.study.analysis.StepSeries;
import dev.weakrl.study.analysis.StepTables;
import dev.weakrl.study.analysis.Table;
import dev.weakrl.study.analysis.TableFiles;
import dev.weakrl.study.eval.Benchmark;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code saturation}: t_sat, r̄_max and the regime of a step-metrics file from any framework (Parquet
 * or CSV with a step and a reward column), and with an evaluation file ({@code step, benchmark,
 * value}) Δsat and Δpost per benchmark and the mean of each group the options name ({@code
 * --heldOut}, {@code --harder}, {@code --otherDomains}; the rest are 'other', averaged into none).
 * Optional {@code truncated} and {@code overlap_with_training} columns of the evaluation file are
 * reported beside each group's gains, read at each benchmark's last step.
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
  public Args args() {
    return new Args("./weakrl saturation --metrics FILE [--eval FILE [--heldOut B1,B2] [--harder B3] "
        + "[--otherDomains B4]] [--epsilon E] [--tail N] [--json OUT]")
        .option("metrics", null, "step metrics, .parquet or .csv: a 'step' column and the reward column")
        .option("reward", "reward", "the reward column of --metrics")
        .option("eval", null, "evaluations, .parquet or .csv: columns step, benchmark, value")
        .option("epsilon", String.valueOf(Saturation.DEFAULT_EPSILON), "t_sat = first step <= T_eff with reward >= epsilon * max reward")
        .option("tail", String.valueOf(Saturation.DEFAULT_TAIL), "T_eff = T - tail, T the last step")
        .option("rapidBelow", String.valueOf(Saturation.DEFAULT_RAPID_BELOW), "regime 'rapid' when t_sat is below this step")
        .option("smooth", String.valueOf(Saturation.DEFAULT_SMOOTH), "trailing moving-average window of the reward; 1 = none")
        .option("heldOut", "", "benchmarks of --eval of the training domain at the training level, comma-separated")
        .option("harder", "", "benchmarks of --eval of the training domain at higher levels, comma-separated")
        .option("otherDomains", "", "benchmarks of --eval of other domains, comma-separated (unlisted ones are "
            + "'other': reported per benchmark, averaged into no group)")
        .option("json", null, "also write the result to this JSON file");
  }

  @Override
  public int run(Args args) {
    SaturationSettings settings = new SaturationSettings(args.getDouble("epsilon"), args.getInt("tail"),
        args.getInt("rapidBelow"), args.getInt("smooth"));
    StepSeries reward = StepTables.curve(TableFiles.read(args.get("metrics")), args.get("reward"), "--reward");
    Table evalTable = args.has("eval") ? TableFiles.read(args.get("eval")) : null;
    Map<String, StepSeries> evals = evalTable == null ? Map.of() : StepTables.evaluations(evalTable);
    Map<String, BenchmarkContext> contexts = contexts(evals, evalTable, Map.of(Benchmark.HELD_OUT, args.get("heldOut"),
        Benchmark.HARDER, args.get("harder"), Benchmark.OTHER_DOMAINS, args.get("otherDomains")));
    RunSaturation result = RunSaturation.compute(reward, evals, b -> BenchmarkContext.groupOf(contexts, b), settings);
    ObjectNode json = toJson(result, contexts, args.get("metrics"), args.get("reward"), settings);
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

  /**
   * Each benchmark of {@code evals} with the group whose option lists it ({@link Benchmark#OTHER}
   * when none does), and the evaluation file's truncation and overlap at its last step. A benchmark
   * listed twice, or listed but not in the file, is an error: a typo would otherwise move it to
   * 'other' unseen.
   */
  static Map<String, BenchmarkContext> contexts(Map<String, StepSeries> evals, Table evalTable,
      Map<String, String> listsByGroup) {
    Map<String, String> groups = new LinkedHashMap<>();
    for (String group : Benchmark.GROUPS) {
      String option = "--" + optionName(group);
      for (String b : Arrays.stream(listsByGroup.get(group).split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .toList()) {
        if (!evals.containsKey(b)) {
          throw new IllegalArgumentException(option + " names " + b + ", which --eval does not have; it has "
              + evals.keySet());
        }
        String before = groups.put(b, group);
        if (before != null) {
          throw new IllegalArgumentException(b + " is listed as both " + before + " and " + group);
        }
      }
    }
    Map<String, Double> truncated = evalTable == null ? Map.of() : StepTables.atLastStep(evalTable, "truncated");
    Map<String, Double> overlap = evalTable == null ? Map.of()
        : StepTables.atLastStep(evalTable, "overlap_with_training");
    Map<String, BenchmarkContext> contexts = new LinkedHashMap<>();
    evals.keySet().forEach(b -> contexts.put(b, new BenchmarkContext(groups.getOrDefault(b, Benchmark.OTHER),
        truncated.getOrDefault(b, Double.NaN), overlap.getOrDefault(b, Double.NaN))));
    return contexts;
  }

  /** The option that lists a group's benchmarks: heldOut, harder, otherDomains. */
  static String optionName(String group) {
    return switch (group) {
      case Benchmark.HELD_OUT -> "heldOut";
      case Benchmark.HARDER -> "harder";
      case Benchmark.OTHER_DOMAINS -> "otherDomains";
      default -> throw new IllegalArgumentException("no option for group " + group);
    };
  }

  static ObjectNode toJson(RunSaturation result, Map<String, BenchmarkContext> contexts, String metrics,
      String rewardColumn, SaturationSettings settings) {
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
      ObjectNode b = benchmarks.addObject().put("benchmark", g.benchmark()).put("group", g.group())
          .put("eval_step_start", gains.startStep()).put("eval_step_sat", gains.saturationEvalStep());
      number(b, "m_start", gains.atStart());
      number(b, "m_sat", gains.atSaturation());
      number(b, "delta_sat", gains.deltaSat());
      number(b, "delta_post", gains.deltaPost());
      BenchmarkContext c = contexts.getOrDefault(g.benchmark(), BenchmarkContext.of(g.group()));
      number(b, "overlap_with_training", c.overlapWithTraining());
      number(b, "truncated", c.truncated());
    }
    for (String group : Benchmark.GROUPS) {
      ObjectNode mean = json.putObject(jsonKey(group));
      var names = mean.putArray("benchmarks");
      contexts.forEach((b, c) -> {
        if (c.group().equals(group)) {
          names.add(b);
        }
      });
      number(mean, "delta_sat", result.meanDeltaSat(group));
      number(mean, "delta_post", result.meanDeltaPost(group));
      number(mean, "overlap_with_training", BenchmarkContext.mean(contexts, group,
          BenchmarkContext::overlapWithTraining));
      number(mean, "truncated", BenchmarkContext.mean(contexts, group, BenchmarkContext::truncated));
    }
    return json;
  }

  /** held_out, harder, other_domains. */
  static String jsonKey(String group) {
    return group.replaceAll("[- ]", "_");
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

package dev.weakrl.study.analysis;

import com.google.common.html.HtmlEscapers;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.study.eval.Benchmark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.DoubleStream;
import org.knowm.xchart.XYChart;

/**
 * {@code <out>/analysis/}: the tables as Parquet and CSV ({@link AnalysisTables}), one PNG per
 * figure and {@code report.html} that shows them: per run reward, true accuracy and each benchmark group's accuracy against step
 * with t_sat marked; Table 1 (t_sat, Δsat/Δpost per benchmark and per group with the group's
 * overlap and truncation, G_sat); pre-RL faithfulness against t_sat; diversity against held-out
 * gain. Groups ({@link Benchmark#GROUPS}) are never averaged together: a harder level's gain
 * and another domain's measure different things.
 */
public final class AnalysisReport {
  public static final String REPORT = "report.html";
  /** The report's content as data: {@code runs} (as the claims read them) and {@code claims}. */
  public static final String REPORT_JSON = "report.json";

  private AnalysisReport() {}

  public static String dir(String out) {
    return Storage.resolve(out, "analysis");
  }

  /** Writes everything into {@code dir}; returns the report's path. */
  public static String write(String dir, List<RlRun> unsortedRuns, List<ProbeResult> probes, AnalysisConfig config) {
    List<RlRun> runs = unsortedRuns.stream().sorted(Comparator.comparing(RlRun::name)).toList();
    List<ProbeResult> sortedProbes = probes.stream()
        .sorted(Comparator.comparing(ProbeResult::run).thenComparingLong(ProbeResult::step)).toList();
    List<RunDynamics> dynamics = RunDynamics.of(runs, config.saturation());
    AnalysisTables.writeSaturation(Storage.resolve(dir, AnalysisTables.SATURATION), dynamics);
    AnalysisTables.writeFaithfulness(Storage.resolve(dir, AnalysisTables.FAITHFULNESS), sortedProbes);
    AnalysisTables.writeDiversity(Storage.resolve(dir, AnalysisTables.DIVERSITY), sortedProbes);
    AnalysisTables.writeSteps(Storage.resolve(dir, AnalysisTables.STEPS), runs, config.saturation());
    AnalysisTables.writeEvaluations(Storage.resolve(dir, AnalysisTables.EVALUATIONS), runs, config.metric());
    List<Claims.Run> studyRuns = StudyRuns.of(dynamics, sortedProbes);
    List<Claims.Claim> claims = Claims.compute(studyRuns, config.claims());
    Json.writeFile(Storage.resolve(dir, REPORT_JSON), Map.of("runs", runsJson(dynamics, studyRuns),
        "claims", claims.stream().map(AnalysisReport::claimJson).toList()));

    Html html = new Html();
    html.raw("<!doctype html><html><head><meta charset=\"utf-8\"><title>weakrl analysis</title><style>"
        + "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
        + "table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;"
        + "text-align:right}th{background:#f3f3f3}td:first-child{text-align:left}img{max-width:100%}"
        + ".note{color:#555;font-size:13px}</style></head><body>");
    html.raw("<h1>weakrl analysis</h1>");
    html.para("note", String.format("%d RL run(s). t_sat = first step t ≤ T_eff = T − %d with r̄_t ≥ %.3g·r̄_max "
        + "(smoothing window %d); regime rapid when t_sat < %d. Benchmark metric M = %s. M(t) is read at the evaluated "
        + "checkpoint nearest step t (the steps used are in saturation.parquet: eval_step_start, eval_step_sat). "
        + "Runs that never reach ε·r̄_max by T_eff are 'unsaturated' and have no Δsat, Δpost or G_sat. "
        + "Benchmarks are grouped as their evaluation summaries say: held-out (the training domain at the training "
        + "level), harder (its higher levels), other domains; each group is averaged on its own, and 'other' "
        + "benchmarks (problem files, level ranges mixing the training level with others) are shown per benchmark "
        + "only. Beside each group's gain: seen = mean problems per benchmark left out as in training, trunc = mean "
        + "fraction of responses cut off by the token budget, both at the last evaluated checkpoint. "
        + "Faithfulness scorer: %s.", runs.size(), config.saturation().tail(), config.saturation().epsilon(),
        config.saturation().smoothWindow(), config.saturation().rapidBelow(), config.metric(), config.scorerName()));

    html.raw("<h2>The study's claims</h2>");
    claimsTable(html, claims);
    html.raw("<h2>Table 1: saturation dynamics</h2>");
    tableOne(html, dynamics);
    html.raw("<h2>Faithfulness and diversity on training prompts</h2>");
    probeTable(html, sortedProbes);

    html.raw("<h2>Across runs</h2>");
    html.image(dir, "faithfulness-vs-tsat.png", faithfulnessVsSaturation(dynamics, sortedProbes));
    html.image(dir, "diversity-vs-generalisation.png", diversityVsGeneralisation(dynamics, sortedProbes));

    html.raw("<h2>Runs</h2>");
    for (RunDynamics d : dynamics) {
      html.raw("<h3>" + HtmlEscapers.htmlEscaper().escape(d.run().name()) + "</h3>");
      html.para("note", "options: " + d.run().options());
      html.para("note", groupsText(d.run()));
      html.image(dir, d.run().name() + "-training.png", trainingCurves(d));
      html.image(dir, d.run().name() + "-accuracy.png", groupAccuracy(d, config.metric()));
    }
    html.raw("</body></html>");
    String report = Storage.resolve(dir, REPORT);
    Storage.writeString(report, html.toString());
    return report;
  }

  /**
   * {@code report.json}'s runs: each run's arm, setting, seed, training set size, t_sat and regime,
   * per benchmark group Δsat, Δpost, G_sat, overlap with training and truncated fraction, the
   * held-out Δ at the last step, and its pre-RL model's faithfulness and diversity (null where
   * undefined).
   */
  static List<Map<String, Object>> runsJson(List<RunDynamics> dynamics, List<Claims.Run> runs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < dynamics.size(); i++) {
      RunDynamics d = dynamics.get(i);
      Claims.Run r = runs.get(i);
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("name", r.name());
      run.put("arm", r.arm());
      run.put("setting", r.setting());
      run.put("seed", r.seed());
      run.put("problems", d.run().trainingSetSize());
      run.put("t_sat", r.tSat());
      run.put("regime", r.regime().label());
      for (String group : Benchmark.GROUPS) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("delta_sat", number(d.saturation().meanDeltaSat(group)));
        g.put("delta_post", number(d.saturation().meanDeltaPost(group)));
        g.put("g_sat", number(d.meanGap(group)));
        g.put("overlap_with_training", number(d.run().meanOverlap(group)));
        g.put("truncated", number(d.run().meanTruncated(group)));
        run.put(group, g);
      }
      run.put("held_out_delta_last", number(r.deltaLast()));
      run.put("faithfulness", number(r.preRlFaithful()));
      run.put("diversity", number(r.preRlDiversity()));
      out.add(run);
    }
    return out;
  }

  static Map<String, Object> claimJson(Claims.Claim c) {
    Map<String, Object> claim = new LinkedHashMap<>();
    claim.put("id", c.id());
    claim.put("statement", c.statement());
    claim.put("value", number(c.value()));
    claim.put("threshold", c.threshold());
    claim.put("holds", c.holds());
    claim.put("holds_by_seed", c.holdsBySeed());
    claim.put("detail", c.detail());
    return claim;
  }

  /** A figure for JSON: null where it is undefined (NaN). */
  private static Double number(double v) {
    return Double.isNaN(v) ? null : v;
  }

  /** Each claim with its value, threshold and verdict, over all runs and per seed. */
  private static void claimsTable(Html html, List<Claims.Claim> claims) {
    html.tableStart(List.of("claim", "statement", "value", "threshold", "verdict", "per seed", "detail"));
    for (Claims.Claim c : claims) {
      html.row(List.of(c.id(), c.statement(), fmt(c.value()), c.threshold(), c.holds() ? "holds" : "fails",
          c.holdsBySeed().entrySet().stream().map(e -> e.getKey() + ": " + (e.getValue() ? "holds" : "fails"))
              .collect(java.util.stream.Collectors.joining(", ")), c.detail()));
    }
    html.raw("</table>");
  }

  private static void tableOne(Html html, List<RunDynamics> dynamics) {
    TreeSet<String> benchmarks = new TreeSet<>();
    dynamics.forEach(d -> benchmarks.addAll(d.run().benchmarks().keySet()));
    List<String> header = new ArrayList<>(List.of("run", "reward", "n", "t_sat", "regime", "r̄_max"));
    benchmarks.forEach(b -> header.add(b + "<br>Δsat / Δpost"));
    for (String group : Benchmark.GROUPS) {
      header.add(group + "<br>Δsat / Δpost");
      header.add(group + "<br>seen / trunc");
    }
    header.add("G_sat " + String.join(" / ", Benchmark.GROUPS) + "<br>(vs larger n)");
    html.tableStart(header);
    for (RunDynamics d : dynamics) {
      SaturationPoint p = d.saturation().point();
      List<String> row = new ArrayList<>(List.of(d.run().name(), d.run().options().getOrDefault("reward", ""),
          String.valueOf(d.run().trainingSetSize()),
          p.saturationStep().isPresent() ? String.valueOf(p.saturationStep().getAsLong()) : "–",
          p.regime().label(), fmt(p.rewardMax())));
      for (String b : benchmarks) {
        row.add(d.saturation().gains().stream().filter(g -> g.benchmark().equals(b)).findFirst()
            .map(g -> fmt(g.gains().deltaSat()) + " / " + fmt(g.gains().deltaPost())).orElse("–"));
      }
      RunSaturation s = d.saturation();
      List<String> gaps = new ArrayList<>();
      for (String group : Benchmark.GROUPS) {
        row.add(fmt(s.meanDeltaSat(group)) + " / " + fmt(s.meanDeltaPost(group)));
        row.add(seenAndTruncated(d.run(), group));
        gaps.add(fmt(d.meanGap(group)));
      }
      row.add(d.largerRun() == null ? "–" : String.join(" / ", gaps));
      html.row(row);
    }
    html.raw("</table>");
  }

  private static void probeTable(Html html, List<ProbeResult> probes) {
    html.tableStart(List.of("run", "step", "rollouts", "faithful (1)", "partial (0.5)", "unfaithful (0)", "correct",
        "aligned among correct", "distinct answers", "distinct-n", "N_eff", "Div", "Div (faithful only)"));
    for (ProbeResult r : probes) {
      FaithfulnessSummary f = r.faithfulness();
      html.row(List.of(r.run(), r.step() == 0 ? "0 (pre-RL)" : String.valueOf(r.step()), String.valueOf(f.rollouts()),
          fmt(f.faithful()), fmt(f.partial()), fmt(f.unfaithful()), fmt(f.correct()), fmt(f.alignedAmongCorrect()),
          fmt(Stats.mean(r.diversity().stream().map(d -> (double) d.distinctAnswers()).toList())),
          fmt(Stats.mean(r.diversity().stream().map(d -> d.distinctN()).toList())),
          fmt(Stats.mean(r.diversity().stream().map(d -> d.effectiveClusters()).toList())),
          fmt(r.meanDiversity(false)), fmt(r.meanDiversity(true))));
    }
    html.raw("</table>");
  }

  private static XYChart trainingCurves(RunDynamics d) {
    XYChart chart = Figures.lines(d.run().name() + ": train reward and true accuracy", "");
    Figures.curve(chart, "mean train reward", d.run().reward(), false);
    Figures.curve(chart, "true accuracy", d.run().trueAccuracy(), false);
    DoubleStream values = DoubleStream.concat(
        d.run().reward().points().stream().mapToDouble(StepSeries.Point::value),
        d.run().trueAccuracy().points().stream().mapToDouble(StepSeries.Point::value));
    double[] all = values.toArray();
    Figures.saturationLine(chart, d.saturation().point().saturationStep(),
        Math.min(0, DoubleStream.of(all).min().orElse(0)), Math.max(1, DoubleStream.of(all).max().orElse(1)));
    return chart;
  }

  /** One line per group (its mean), one per 'other' benchmark: those are never averaged. */
  private static XYChart groupAccuracy(RunDynamics d, String metric) {
    XYChart chart = Figures.lines(d.run().name() + ": benchmark " + metric + " (mean over each group's benchmarks)",
        metric);
    for (String group : Benchmark.GROUPS) {
      Figures.curve(chart, group + " (" + seenAndTruncated(d.run(), group) + ")", d.run().groupMean(group), true);
    }
    d.run().benchmarks().forEach((b, series) -> {
      if (d.run().group(b).equals(Benchmark.OTHER)) {
        BenchmarkContext c = d.run().contexts().getOrDefault(b, BenchmarkContext.of(Benchmark.OTHER));
        Figures.curve(chart, b + " (" + seenAndTruncated(c.overlapWithTraining(), c.truncated()) + ")", series, true);
      }
    });
    if (d.run().benchmarks().isEmpty()) {
      chart.setTitle(d.run().name() + ": no evaluations found under <out>/eval");
    }
    Figures.saturationLine(chart, d.saturation().point().saturationStep(), 0, 1);
    return chart;
  }


  /** Pre-RL faithful fraction against t_sat, one point per saturated run. */
  private static XYChart faithfulnessVsSaturation(List<RunDynamics> dynamics, List<ProbeResult> probes) {
    List<String> labels = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    for (RunDynamics d : dynamics) {
      ProbeResult.preRl(probes, d.run().name()).ifPresent(pre -> d.saturation().point().saturationStep().ifPresent(t -> {
        labels.add(d.run().name());
        points.add(new double[] {t, pre.faithfulness().faithful()});
      }));
    }
    return correlationChart("pre-RL faithfulness vs t_sat", "t_sat (step)", "pre-RL faithful fraction", labels, points,
        false, true);
  }

  /**
   * Pre-RL strategy diversity against the held-out gain M(T) − M(0), one point per run, each
   * labelled with the held-out group's overlap and truncation. Held-out only: harder levels and
   * other domains would confound it.
   */
  private static XYChart diversityVsGeneralisation(List<RunDynamics> dynamics, List<ProbeResult> probes) {
    List<String> labels = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    for (RunDynamics d : dynamics) {
      double gain = d.run().gain(Benchmark.HELD_OUT);
      ProbeResult.preRl(probes, d.run().name()).ifPresent(pre -> {
        if (!Double.isNaN(gain)) {
          labels.add(d.run().name() + " (" + seenAndTruncated(d.run(), Benchmark.HELD_OUT) + ")");
          points.add(new double[] {pre.meanDiversity(false), gain});
        }
      });
    }
    return correlationChart("pre-RL strategy diversity vs held-out gain", "pre-RL Div (mean over prompts)",
        "held-out M(T) − M(0) (training domain and level)", labels, points, true, false);
  }

  /** The run's benchmarks by group, for the settings text. */
  static String groupsText(RlRun run) {
    Map<String, List<String>> byGroup = new TreeMap<>();
    run.benchmarks().keySet().forEach(b -> byGroup.computeIfAbsent(run.group(b), g -> new ArrayList<>()).add(b));
    List<String> parts = new ArrayList<>();
    List<String> order = new ArrayList<>(Benchmark.GROUPS);
    order.add(Benchmark.OTHER);
    for (String group : order) {
      parts.add(group + ": " + (byGroup.containsKey(group) ? String.join(", ", byGroup.get(group)) : "none"));
    }
    return "benchmark groups: " + String.join("; ", parts);
  }

  /** "seen S, trunc F" of {@code group} at the run's last evaluated checkpoint. */
  static String seenAndTruncated(RlRun run, String group) {
    return seenAndTruncated(run.meanOverlap(group), run.meanTruncated(group));
  }

  static String seenAndTruncated(double overlap, double truncated) {
    return "seen " + (Double.isNaN(overlap) ? "–" : String.format("%.1f", overlap)) + ", trunc " + fmt(truncated);
  }

  private static XYChart correlationChart(String title, String xTitle, String yTitle, List<String> labels,
      List<double[]> points, boolean xFraction, boolean yFraction) {
    double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
    double rho = Stats.spearman(x, y);
    // ρ is undefined with fewer than 2 runs or when one side is constant
    String rhoText = Double.isNaN(rho) ? "ρ undefined" : "Spearman ρ = " + fmt(rho);
    return Figures.scatter(String.format("%s (%s, %d runs)", title, rhoText, x.length), xTitle, yTitle, labels, x, y,
        xFraction, yFraction);
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "–" : String.format("%.3f", v);
  }

  /** A small HTML builder: text is escaped, figures are written beside the report. */
  private static final class Html {
    private final StringBuilder sb = new StringBuilder();

    void raw(String markup) {
      sb.append(markup).append('\n');
    }

    void para(String cssClass, String text) {
      raw("<p class=\"" + cssClass + "\">" + HtmlEscapers.htmlEscaper().escape(text) + "</p>");
    }

    /** Header cells may hold {@code <br>}; everything else is escaped. */
    void tableStart(List<String> header) {
      sb.append("<table><tr>");
      header.forEach(h -> sb.append("<th>").append(HtmlEscapers.htmlEscaper().escape(h).replace("&lt;br&gt;", "<br>"))
          .append("</th>"));
      sb.append("</tr>\n");
    }

    void row(List<String> cells) {
      sb.append("<tr>");
      cells.forEach(c -> sb.append("<td>").append(HtmlEscapers.htmlEscaper().escape(c)).append("</td>"));
      sb.append("</tr>\n");
    }

    void image(String dir, String file, XYChart chart) {
      Figures.writePng(chart, Storage.resolve(dir, file));
      raw("<p><img src=\"" + HtmlEscapers.htmlEscaper().escape(file) + "\" alt=\"" + file + "\"></p>");
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}

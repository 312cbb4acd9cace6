package dev.weakrl.study.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The study's first practical lesson as a function: probe a checkpoint before RL (faithfulness,
 * accuracy, diversity, with the analysis's probe) and, given earlier runs' analysis, predict
 * whether RL from it will saturate gradually (generalise) or rapidly (memorise).
 *
 * @param calibration the pre-RL faithful fraction of earlier gradual and rapid runs; empty without
 *     an analysis to calibrate on
 */
public record Diagnosis(ProbeResult probe, Optional<Calibration> calibration) {
  /** Earlier runs' pre-RL faithful fractions, by the regime their RL ended in. */
  public record Calibration(String source, List<Double> gradual, List<Double> rapid) {
    /**
     * Gradual when the faithful fraction is nearer the gradual runs' mean than the rapid runs',
     * rapid when nearer theirs; undecided without runs of both regimes.
     */
    public String predict(double faithful) {
      if (gradual.isEmpty() || rapid.isEmpty()) {
        return "undecided (the calibration has " + gradual.size() + " gradual and " + rapid.size() + " rapid runs)";
      }
      return Math.abs(faithful - Stats.mean(gradual)) <= Math.abs(faithful - Stats.mean(rapid)) ? Regime.GRADUAL.label()
          : Regime.RAPID.label();
    }
  }

  /** Probes {@code checkpoint} on {@code problems} as the analysis probes a pre-RL model. */
  public static Diagnosis of(String checkpoint, List<Problem> problems, ProbeSettings settings,
      Optional<Calibration> calibration) {
    ProbeResult probe = RolloutProbe.probe("diagnose", checkpoint, 0, problems, settings, 1.0, 0,
        FaithfulnessScorer.stepCheckers(), "step-checker", StrategyComparator.stepSignatures());
    return new Diagnosis(probe, calibration);
  }

  /**
   * The calibration a study's {@code report.json} holds (a file, or the analysis directory that
   * holds it): each RL run's regime and its pre-RL model's faithful fraction. Unsaturated runs and
   * runs without a probe calibrate nothing.
   */
  public static Calibration calibration(String reportOrAnalysisDir) {
    String path = reportOrAnalysisDir.endsWith(".json") ? reportOrAnalysisDir
        : Storage.resolve(reportOrAnalysisDir, AnalysisReport.REPORT_JSON);
    return calibration(path, Json.read(path));
  }

  /** {@link #calibration(String)} of a report already read; {@code source} names it. */
  public static Calibration calibration(String source, JsonNode report) {
    List<Double> gradual = new ArrayList<>();
    List<Double> rapid = new ArrayList<>();
    for (JsonNode run : report.path("runs")) {
      JsonNode faithful = run.path("faithfulness");
      String regime = run.path("regime").asText();
      if (faithful.isNumber() && regime.equals(Regime.GRADUAL.label())) {
        gradual.add(faithful.asDouble());
      } else if (faithful.isNumber() && regime.equals(Regime.RAPID.label())) {
        rapid.add(faithful.asDouble());
      }
    }
    return new Calibration(source, gradual, rapid);
  }

  /** The report {@code ./weakrl diagnose} prints. */
  public String report() {
    FaithfulnessSummary f = probe.faithfulness();
    StringBuilder sb = new StringBuilder(String.format("checkpoint           %s%n", probe.checkpoint()));
    sb.append(String.format("rollouts             %d (%d prompts)%n", f.rollouts(), probe.diversity().size()));
    sb.append(String.format("faithful             %.3f  (partial %.3f, unfaithful %.3f)%n", f.faithful(), f.partial(),
        f.unfaithful()));
    sb.append(String.format("accuracy             %.3f  (faithful among correct %.3f)%n", f.correct(),
        f.alignedAmongCorrect()));
    sb.append(String.format("diversity            %.3f  (among faithful %.3f)%n", probe.meanDiversity(false),
        probe.meanDiversity(true)));
    if (calibration.isEmpty()) {
      sb.append("predicted regime     none: pass --calibration <out>/analysis of earlier RL runs\n");
    } else {
      Calibration c = calibration.get();
      sb.append(String.format("predicted regime     %s  (pre-RL faithful: gradual runs %.3f over %d, rapid runs %.3f"
          + " over %d, in %s)%n", c.predict(f.faithful()), Stats.mean(c.gradual()), c.gradual().size(), Stats.mean(c.rapid()),
          c.rapid().size(), c.source()));
    }
    return sb.toString();
  }
}

package dev.weakrl.study.analysis;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * The calibration an analysis directory ({@code <out>/analysis}) holds: each RL run's regime
   * ({@code saturation.parquet}) with its pre-RL model's faithful fraction ({@code
   * faithfulness.parquet}, step 0).
   */
  public static Calibration calibration(String analysisDir) {
    Table saturation = TableFiles.read(Storage.resolve(analysisDir, AnalysisTables.SATURATION));
    Table faithfulness = TableFiles.read(Storage.resolve(analysisDir, AnalysisTables.FAITHFULNESS));
    Map<String, Double> preRl = new LinkedHashMap<>();
    for (Map<String, Object> row : faithfulness.rows()) {
      if (faithfulness.number(row, "step") == 0) {
        preRl.put(faithfulness.text(row, "run"), faithfulness.number(row, "faithful"));
      }
    }
    Map<String, String> regimes = new LinkedHashMap<>(); // every row of a run carries its regime
    saturation.rows().forEach(row -> regimes.putIfAbsent(saturation.text(row, "run"), saturation.text(row, "regime")));
    List<Double> gradual = new ArrayList<>();
    List<Double> rapid = new ArrayList<>();
    regimes.forEach((run, regime) -> {
      Double faithful = preRl.get(run);
      if (faithful != null && regime.equals(Regime.GRADUAL.label())) {
        gradual.add(faithful);
      } else if (faithful != null && regime.equals(Regime.RAPID.label())) {
        rapid.add(faithful);
      }
    });
    return new Calibration(analysisDir, gradual, rapid);
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

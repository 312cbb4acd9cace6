package dev.weakrl.transforms.analysis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A run's saturation point and, when it saturated, Δsat/Δpost of each evaluated benchmark. An
 * unsaturated run has no gains: with no t_sat there is no pre- and post-saturation phase.
 */
public record RunSaturation(SaturationPoint point, List<BenchmarkGains> gains) implements Serializable {
  public record BenchmarkGains(String benchmark, boolean inDomain, PhaseGains gains) implements Serializable {}

  public RunSaturation {
    gains = List.copyOf(gains);
  }

  /**
   * @param reward the mean train reward per step (smoothed here if the settings ask)
   * @param metrics each benchmark's metric at its evaluated steps
   * @param inDomain which benchmarks are in-domain
   */
  public static RunSaturation compute(StepSeries reward, Map<String, StepSeries> metrics, Predicate<String> inDomain,
      SaturationSettings settings) {
    SaturationPoint point = Saturation.saturation(Saturation.smooth(reward, settings.smoothWindow()),
        settings.epsilon(), settings.tail(), settings.rapidBelow());
    List<BenchmarkGains> gains = new ArrayList<>();
    point.saturationStep().ifPresent(tSat -> metrics.forEach((benchmark, metric) -> {
      if (!metric.isEmpty()) {
        gains.add(new BenchmarkGains(benchmark, inDomain.test(benchmark), Saturation.phaseGains(metric, tSat)));
      }
    }));
    return new RunSaturation(point, gains);
  }

  /** Mean Δsat over the in-domain ({@code inDomain}) or out-of-domain benchmarks; NaN when there are none. */
  public double meanDeltaSat(boolean inDomain) {
    return Stats.mean(gains.stream().filter(g -> g.inDomain() == inDomain).map(g -> g.gains().deltaSat()).toList());
  }

  public double meanDeltaPost(boolean inDomain) {
    return Stats.mean(gains.stream().filter(g -> g.inDomain() == inDomain).map(g -> g.gains().deltaPost()).toList());
  }
}

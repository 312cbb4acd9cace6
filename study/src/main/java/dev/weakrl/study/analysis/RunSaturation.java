package dev.weakrl.study.analysis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A run's saturation point and, when it saturated, Δsat/Δpost of each evaluated benchmark. An
 * unsaturated run has no gains: with no t_sat there is no pre- and post-saturation phase.
 */
public record RunSaturation(SaturationPoint point, List<BenchmarkGains> gains) implements Serializable {
  /** @param group the benchmark's group ({@link dev.weakrl.study.eval.Benchmark#group}) */
  public record BenchmarkGains(String benchmark, String group, PhaseGains gains) implements Serializable {}

  public RunSaturation {
    gains = List.copyOf(gains);
  }

  /**
   * @param reward the mean train reward per step (smoothed here if the settings ask)
   * @param metrics each benchmark's metric at its evaluated steps
   * @param groupOf each benchmark's group
   */
  public static RunSaturation compute(StepSeries reward, Map<String, StepSeries> metrics,
      Function<String, String> groupOf, SaturationSettings settings) {
    SaturationPoint point = Saturation.saturation(Saturation.smooth(reward, settings.smoothWindow()),
        settings.epsilon(), settings.tail(), settings.rapidBelow());
    List<BenchmarkGains> gains = new ArrayList<>();
    point.saturationStep().ifPresent(tSat -> metrics.forEach((benchmark, metric) -> {
      if (!metric.isEmpty()) {
        gains.add(new BenchmarkGains(benchmark, groupOf.apply(benchmark), Saturation.phaseGains(metric, tSat)));
      }
    }));
    return new RunSaturation(point, gains);
  }

  /** Mean Δsat over the benchmarks of {@code group}; NaN when there are none. */
  public double meanDeltaSat(String group) {
    return Stats.mean(inGroup(group).stream().map(g -> g.gains().deltaSat()).toList());
  }

  /** Mean Δpost over the benchmarks of {@code group}; NaN when there are none. */
  public double meanDeltaPost(String group) {
    return Stats.mean(inGroup(group).stream().map(g -> g.gains().deltaPost()).toList());
  }

  private List<BenchmarkGains> inGroup(String group) {
    return gains.stream().filter(g -> g.group().equals(group)).toList();
  }
}

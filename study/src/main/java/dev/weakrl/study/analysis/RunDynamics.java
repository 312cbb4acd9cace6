package dev.weakrl.study.analysis;

import java.io.Serializable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the study's Table 1: a run's saturation dynamics and its large-small gap G_sat per
 * benchmark against {@code largerRun}, the next larger training set among the runs that differ
 * from it only in training-set size (none for the largest, or when the run never saturated).
 */
public record RunDynamics(RlRun run, RunSaturation saturation, String largerRun, Map<String, Double> gaps)
    implements Serializable {
  public RunDynamics {
    gaps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gaps));
  }

  /** Every run's dynamics, G_sat paired within {@link RlRun#sizeGroup}s. */
  public static List<RunDynamics> of(List<RlRun> runs, SaturationSettings settings) {
    Map<String, RunSaturation> saturations = new LinkedHashMap<>();
    runs.forEach(r -> saturations.put(r.name(), RunSaturation.compute(r.reward(), r.benchmarks(), r::group, settings)));
    return runs.stream().map(run -> {
      RunSaturation own = saturations.get(run.name());
      Optional<RlRun> larger = runs.stream()
          .filter(o -> o.sizeGroup().equals(run.sizeGroup()) && o.trainingSetSize() > run.trainingSetSize())
          .min(Comparator.comparingLong(RlRun::trainingSetSize));
      Map<String, Double> gaps = new LinkedHashMap<>();
      if (larger.isPresent() && own.point().saturationStep().isPresent()) {
        long tSat = own.point().saturationStep().getAsLong();
        run.benchmarks().forEach((benchmark, metric) -> {
          StepSeries other = larger.get().benchmarks().get(benchmark);
          if (other != null && !other.isEmpty() && !metric.isEmpty()) {
            gaps.put(benchmark, Saturation.largeSmallGap(other, metric, tSat));
          }
        });
      }
      return new RunDynamics(run, own, larger.map(RlRun::name).orElse(null), gaps);
    }).toList();
  }

  /** Mean G_sat over the benchmarks of {@code group}; NaN when there are none. */
  public double meanGap(String group) {
    return Stats.mean(gaps.entrySet().stream().filter(e -> run.group(e.getKey()).equals(group))
        .map(Map.Entry::getValue).toList());
  }
}

package dev.weakrl.study.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Saturation dynamics of an RL run (arXiv 2604.18574): the step t_sat at which the mean train
 * reward r̄_t first reaches ε·r̄_max, and how much a benchmark metric M gains before it (Δsat)
 * and after it (Δpost). Pure functions over {@link StepSeries}.
 */
public final class Saturation {
  public static final double DEFAULT_EPSILON = 0.99;
  public static final long DEFAULT_TAIL = 50;
  public static final long DEFAULT_RAPID_BELOW = 100;
  /**
   * Trailing window of the reward curve t_sat is found on. A step's mean over 64 rollouts has a
   * standard error near 0.06, so the raw maximum is a noise spike and ε·r̄_max lands late at random;
   * a 10-step mean cuts that noise about threefold and lags a ramp by a few steps.
   */
  public static final int DEFAULT_SMOOTH = 10;
  /** Relative slack of the ε·r̄_max comparison, so rounding in how a reward was computed cannot move t_sat. */
  private static final double COMPARISON_SLACK = 1e-12;

  private Saturation() {}

  /**
   * Trailing moving average over {@code window} points (fewer at the start); 1 leaves the curve as
   * it is. The analysis smooths with {@link #DEFAULT_SMOOTH} unless told otherwise.
   */
  public static StepSeries smooth(StepSeries curve, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("smoothing window must be >= 1, got " + window);
    }
    List<StepSeries.Point> in = curve.points();
    List<StepSeries.Point> out = new ArrayList<>();
    double sum = 0;
    for (int i = 0; i < in.size(); i++) {
      sum += in.get(i).value();
      if (i >= window) {
        sum -= in.get(i - window).value();
      }
      out.add(new StepSeries.Point(in.get(i).step(), sum / Math.min(i + 1, window)));
    }
    return new StepSeries(out);
  }

  /**
   * t_sat = the first step t ≤ T_eff = T − {@code tail} with r̄_t ≥ ε·r̄_max, where T is the
   * curve's last step and r̄_max its maximum over every step (the tail included, so a curve still
   * rising at the end has no t_sat). No such step, T_eff before the first step included, gives an
   * empty t_sat and {@link Regime#UNSATURATED}; else {@link Regime#RAPID} when t_sat < {@code
   * rapidBelow}, {@link Regime#GRADUAL} otherwise. A curve that is never above 0 is unsaturated.
   * Assumes non-negative rewards.
   */
  public static SaturationPoint saturation(StepSeries reward, double epsilon, long tail, long rapidBelow) {
    if (reward.isEmpty()) {
      throw new IllegalArgumentException("the reward curve has no steps");
    }
    if (!(epsilon > 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("epsilon must be in (0, 1], got " + epsilon);
    }
    if (tail < 0) {
      throw new IllegalArgumentException("tail must be >= 0, got " + tail);
    }
    double max = reward.points().stream().mapToDouble(StepSeries.Point::value).max().orElseThrow();
    long last = reward.last().step();
    long effectiveEnd = last - tail;
    OptionalLong saturated = OptionalLong.empty();
    // A curve that never earns reward (r̄_max = 0) would "reach" ε·0 at its first step and read as
    // rapid memorisation; it learned nothing, so it has no t_sat.
    for (StepSeries.Point p : max > 0 ? reward.points() : List.<StepSeries.Point>of()) {
      if (p.step() > effectiveEnd) {
        break;
      }
      if (p.value() >= epsilon * max * (1 - COMPARISON_SLACK)) {
        saturated = OptionalLong.of(p.step());
        break;
      }
    }
    Regime regime = saturated.isEmpty() ? Regime.UNSATURATED
        : saturated.getAsLong() < rapidBelow ? Regime.RAPID : Regime.GRADUAL;
    return new SaturationPoint(last, effectiveEnd, max, saturated, regime);
  }

  /**
   * Δsat and Δpost of {@code metric} around {@code saturationStep}. M(t) is the value at the
   * evaluated step nearest t ({@link StepSeries#nearest}); "max over t ≥ t_sat" ranges over the
   * evaluated steps ≥ t_sat and the one standing in for t_sat.
   */
  public static PhaseGains phaseGains(StepSeries metric, long saturationStep) {
    StepSeries.Point start = metric.nearest(0);
    StepSeries.Point atSat = metric.nearest(saturationStep);
    double best = atSat.value();
    for (StepSeries.Point p : metric.points()) {
      if (p.step() >= saturationStep) {
        best = Math.max(best, p.value());
      }
    }
    return new PhaseGains(start.step(), atSat.step(), start.value(), atSat.value(), atSat.value() - start.value(),
        best - atSat.value());
  }

  /**
   * The large-small gap G_sat = M^(n′)(t_sat^(n)) − M^(n)(t_sat^(n)): how much more the run on
   * the larger training set (n′) has at the step where the smaller run (n) saturated, each read at
   * its evaluated step nearest t_sat^(n).
   */
  public static double largeSmallGap(StepSeries larger, StepSeries smaller, long smallerSaturationStep) {
    return larger.nearest(smallerSaturationStep).value() - smaller.nearest(smallerSaturationStep).value();
  }
}

package dev.weakrl.study.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The live form of {@link Saturation}: watches the train reward step by step and raises one alarm
 * when it saturates early, the study's sign that a run memorises. After each step it smooths the
 * curve so far ({@link Saturation#smooth}) and keeps the running maximum M_t of the trailing mean
 * r̄_t. The reward has saturated when it has plateaued: M grew by at most (1 − ε)·M_t over the last
 * window and r̄_t ≥ ε·M_t. Its saturation step is then {@link Saturation#saturation} of the curve so
 * far (no tail), so the offline t_sat of a run that stays on the plateau is the same step. The alarm
 * fires when that step is below {@code rapidBelow}. Each step costs one pass over the curve so far,
 * nothing next to the RL step it follows.
 */
public final class SaturationAlarm {
  private final double epsilon;
  private final int window;
  private final long rapidBelow;
  private final List<StepSeries.Point> rewards = new ArrayList<>();
  private final List<Double> maxima = new ArrayList<>();
  private StepSeries smoothed;
  private long rapidStep = -1;

  public SaturationAlarm(double epsilon, int window, long rapidBelow) {
    if (!(epsilon > 0 && epsilon <= 1) || window < 1) {
      throw new IllegalArgumentException("saturation alarm: need epsilon in (0, 1] and window >= 1, got " + epsilon
          + ", " + window);
    }
    this.epsilon = epsilon;
    this.window = window;
    this.rapidBelow = rapidBelow;
  }

  /** The study's defaults: ε 0.99, a 10-step window, rapid below step 100. */
  public static SaturationAlarm defaults() {
    return new SaturationAlarm(Saturation.DEFAULT_EPSILON, Saturation.DEFAULT_SMOOTH, Saturation.DEFAULT_RAPID_BELOW);
  }

  /**
   * Takes step {@code step}'s mean reward; returns true on the step where the alarm first fires
   * (once per run).
   */
  public boolean observe(long step, double reward) {
    rewards.add(new StepSeries.Point(step, reward));
    smoothed = Saturation.smooth(new StepSeries(rewards), window);
    double mean = smoothedReward();
    int n = rewards.size();
    maxima.add(n == 1 ? mean : Math.max(maxima.get(n - 2), mean));
    if (rapidStep >= 0 || n < 2 * window) {
      return false;
    }
    double max = maxReward();
    boolean plateau = max > 0 && max - maxima.get(n - 1 - window) <= (1 - epsilon) * max && mean >= epsilon * max;
    SaturationPoint point = plateau ? Saturation.saturation(smoothed, epsilon, 0, rapidBelow) : null;
    if (point != null && point.regime() == Regime.RAPID) {
      rapidStep = point.saturationStep().getAsLong();
      return true;
    }
    return false;
  }

  /** t_sat of the curve so far; empty before any step. */
  public OptionalLong saturationStep() {
    return smoothed == null ? OptionalLong.empty()
        : Saturation.saturation(smoothed, epsilon, 0, rapidBelow).saturationStep();
  }

  /** The step the alarm named as the (rapid) saturation step, once it fired. */
  public OptionalLong rapidSaturationStep() {
    return rapidStep < 0 ? OptionalLong.empty() : OptionalLong.of(rapidStep);
  }

  /** r̄_t, the latest trailing mean. */
  public double smoothedReward() {
    return smoothed.last().value();
  }

  /** M_t, the running maximum of the trailing mean. */
  public double maxReward() {
    return maxima.get(maxima.size() - 1);
  }
}

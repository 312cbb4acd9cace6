package dev.weakrl.study.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The live form of {@link Saturation}: watches the train reward step by step and raises one alarm
 * when it saturates early, the study's sign that a run memorises. After each step it knows the
 * trailing mean r̄_t over {@code window} steps and its running maximum M_t. The reward has
 * saturated when it has plateaued: the maximum grew by at most (1 − ε)·M_t over the last window and
 * r̄_t ≥ ε·M_t. Its saturation step is then t_sat of the curve so far, the first step with r̄ ≥ ε·M_t
 * (so the offline t_sat of a run that stays on the plateau is the same step). The alarm fires when
 * that step is below {@code rapidBelow}.
 */
public final class SaturationAlarm {
  private final double epsilon;
  private final int window;
  private final long rapidBelow;
  private final List<Double> rewards = new ArrayList<>();
  private final List<Long> steps = new ArrayList<>();
  private final List<Double> smoothed = new ArrayList<>();
  private final List<Double> maxima = new ArrayList<>();
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
    rewards.add(reward);
    steps.add(step);
    int n = rewards.size();
    double sum = 0;
    for (int i = Math.max(0, n - window); i < n; i++) {
      sum += rewards.get(i);
    }
    double mean = sum / Math.min(n, window);
    smoothed.add(mean);
    maxima.add(n == 1 ? mean : Math.max(maxima.get(n - 2), mean));
    if (rapidStep >= 0 || n < 2 * window) {
      return false;
    }
    double max = maxima.get(n - 1);
    boolean plateau = max > 0 && max - maxima.get(n - 1 - window) <= (1 - epsilon) * max && mean >= epsilon * max;
    OptionalLong saturated = plateau ? saturationStep() : OptionalLong.empty();
    if (saturated.isPresent() && saturated.getAsLong() < rapidBelow) {
      rapidStep = saturated.getAsLong();
      return true;
    }
    return false;
  }

  /** t_sat of the curve so far: the first step whose trailing mean reaches ε·M_t; empty before any step. */
  public OptionalLong saturationStep() {
    if (smoothed.isEmpty()) {
      return OptionalLong.empty();
    }
    double bar = epsilon * maxima.get(maxima.size() - 1);
    for (int i = 0; i < smoothed.size(); i++) {
      if (smoothed.get(i) >= bar) {
        return OptionalLong.of(steps.get(i));
      }
    }
    return OptionalLong.empty();
  }

  /** The step the alarm named as the (rapid) saturation step, once it fired. */
  public OptionalLong rapidSaturationStep() {
    return rapidStep < 0 ? OptionalLong.empty() : OptionalLong.of(rapidStep);
  }

  /** r̄_t, the latest trailing mean. */
  public double smoothedReward() {
    return smoothed.get(smoothed.size() - 1);
  }

  /** M_t, the running maximum of the trailing mean. */
  public double maxReward() {
    return maxima.get(maxima.size() - 1);
  }
}

package dev.weakrl.study.analysis;

import java.io.Serializable;

/**
 * How t_sat is found: ε, the tail excluded from the search (T_eff = T − tail), the step below which
 * saturation counts as rapid, and a trailing smoothing window of the reward (1 = none; default
 * {@link Saturation#DEFAULT_SMOOTH}).
 */
public record SaturationSettings(double epsilon, long tail, long rapidBelow, int smoothWindow) implements Serializable {
  public SaturationSettings {
    if (!(epsilon > 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("--epsilon must be in (0, 1], got " + epsilon);
    }
    if (tail < 0) {
      throw new IllegalArgumentException("--tail must be >= 0, got " + tail);
    }
    if (smoothWindow < 1) {
      throw new IllegalArgumentException("--smooth must be >= 1 (1 = no smoothing), got " + smoothWindow);
    }
  }
}

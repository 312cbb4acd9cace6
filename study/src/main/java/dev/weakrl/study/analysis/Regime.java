package dev.weakrl.study.analysis;

/** How a run's train reward saturates. */
public enum Regime {
  /** Reaches ε·r̄_max before the rapid threshold (default step 100): the memorisation signature. */
  RAPID,
  /** Reaches ε·r̄_max at or after the rapid threshold. */
  GRADUAL,
  /** Never reaches ε·r̄_max at a step ≤ T_eff: still climbing when training stopped, or too short a run. */
  UNSATURATED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

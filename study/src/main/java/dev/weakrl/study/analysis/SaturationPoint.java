package dev.weakrl.study.analysis;

import java.io.Serializable;
import java.util.OptionalLong;

/**
 * Where a reward curve saturates.
 *
 * @param lastStep T, the last step of the curve
 * @param effectiveEnd T_eff = T − tail: saturation must happen at or before it
 * @param rewardMax r̄_max, the curve's maximum over all its steps
 * @param saturationStep t_sat, the first step ≤ T_eff with r̄_t ≥ ε·r̄_max; empty when there is none
 */
public record SaturationPoint(long lastStep, long effectiveEnd, double rewardMax, OptionalLong saturationStep,
    Regime regime) implements Serializable {}

package dev.weakrl.study.analysis;

import java.io.Serializable;

/**
 * A benchmark metric M across the saturation point, each M(t) read at the evaluated checkpoint
 * nearest step t.
 *
 * @param startStep the evaluated step standing in for step 0
 * @param saturationEvalStep the evaluated step standing in for t_sat
 * @param atStart M(0)
 * @param atSaturation M(t_sat)
 * @param deltaSat Δsat = M(t_sat) − M(0), the pre-saturation gain
 * @param deltaPost Δpost = max over t ≥ t_sat of M(t) − M(t_sat), the post-saturation residual (≥ 0)
 */
public record PhaseGains(long startStep, long saturationEvalStep, double atStart, double atSaturation,
    double deltaSat, double deltaPost) implements Serializable {}

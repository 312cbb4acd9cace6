package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.study.eval.Benchmark;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SaturationTest {
  static final SaturationSettings DEFAULTS = new SaturationSettings(Saturation.DEFAULT_EPSILON, Saturation.DEFAULT_TAIL,
      Saturation.DEFAULT_RAPID_BELOW, Saturation.DEFAULT_SMOOTH);

  /** r̄_t = min(1, t/20) over 200 steps: reaches 0.99 at t = 20 (19.8 rounds up). */
  static StepSeries rampThenFlat() {
    double[] r = new double[200];
    for (int t = 0; t < r.length; t++) {
      r[t] = Math.min(1, t / 20.0);
    }
    return StepSeries.ofValues(r);
  }

  @Test
  void saturationIsTheFirstStepWithinEpsilonOfTheMaximum() {
    SaturationPoint p = Saturation.saturation(rampThenFlat(), 0.99, 50, 100);
    assertEquals(OptionalLong.of(20), p.saturationStep());
    assertEquals(1.0, p.rewardMax());
    assertEquals(199, p.lastStep());
    assertEquals(149, p.effectiveEnd());
    assertEquals(Regime.RAPID, p.regime());
    assertEquals(Regime.GRADUAL, Saturation.saturation(rampThenFlat(), 0.99, 50, 20).regime());
    // A looser epsilon saturates earlier: 0.5 * max at t = 10.
    assertEquals(OptionalLong.of(10), Saturation.saturation(rampThenFlat(), 0.5, 50, 100).saturationStep());
  }

  @Test
  void aCurveStillRisingAtTheEndNeverSaturates() {
    double[] r = new double[200];
    for (int t = 0; t < r.length; t++) {
      r[t] = t / 199.0; // the maximum is at the last step, after T_eff = 149
    }
    SaturationPoint p = Saturation.saturation(StepSeries.ofValues(r), 0.99, 50, 100);
    assertEquals(OptionalLong.empty(), p.saturationStep());
    assertEquals(Regime.UNSATURATED, p.regime());
    assertEquals(1.0, p.rewardMax());
    // Without the tail rule it saturates at the first step >= 0.99: 197.01 -> step 198.
    assertEquals(OptionalLong.of(198), Saturation.saturation(StepSeries.ofValues(r), 0.99, 0, 100).saturationStep());
  }

  @Test
  void aCurveThatNeverEarnsRewardHasNotSaturated() {
    List<StepSeries.Point> zeros = new java.util.ArrayList<>();
    for (long t = 0; t <= 200; t++) {
      zeros.add(new StepSeries.Point(t, 0));
    }
    SaturationPoint p = Saturation.saturation(new StepSeries(zeros), 0.99, 50, 100);
    assertTrue(p.saturationStep().isEmpty(), p.toString());
    assertEquals(Regime.UNSATURATED, p.regime());
  }

  @Test
  void aCurveShorterThanTheTailCannotSaturate() {
    SaturationPoint p = Saturation.saturation(StepSeries.ofValues(0.1, 0.5, 0.9, 0.9), 0.99, 50, 100);
    assertEquals(-47, p.effectiveEnd());
    assertEquals(Regime.UNSATURATED, p.regime());
  }

  @Test
  void smoothingIsATrailingMeanAndWindowOneLeavesTheCurve() {
    StepSeries curve = StepSeries.ofValues(0, 1, 0, 1);
    assertEquals(curve, Saturation.smooth(curve, 1));
    assertEquals(StepSeries.ofValues(0, 0.5, 0.5, 0.5), Saturation.smooth(curve, 2));
    // A single spike reaches the max raw, but not once smoothed.
    StepSeries spiky = StepSeries.ofValues(0.2, 1.0, 0.2, 0.2, 0.8, 0.8, 0.8, 0.8);
    assertEquals(OptionalLong.of(1), Saturation.saturation(spiky, 0.99, 0, 100).saturationStep());
    // smoothed: 0.2, 0.6, 0.47, 0.47, 0.4, 0.6, 0.8, 0.8
    assertEquals(OptionalLong.of(6), Saturation.saturation(Saturation.smooth(spiky, 3), 0.99, 0, 100).saturationStep());
  }

  @Test
  void phaseGainsReadTheNearestEvaluatedCheckpoint() {
    // Evaluated at 0, 10, 20, 30, 40; t_sat = 13 reads step 10.
    StepSeries metric = StepSeries.of(Map.of(0L, 0.10, 10L, 0.30, 20L, 0.50, 30L, 0.45, 40L, 0.40));
    PhaseGains g = Saturation.phaseGains(metric, 13);
    assertEquals(0, g.startStep());
    assertEquals(10, g.saturationEvalStep());
    assertEquals(0.20, g.deltaSat(), 1e-12);
    assertEquals(0.20, g.deltaPost(), 1e-12); // max over steps >= 13 is 0.5 at step 20
    // t_sat = 15 is as near 10 as 20: the earlier wins.
    assertEquals(10, Saturation.phaseGains(metric, 15).saturationEvalStep());
    // A metric that only falls after t_sat has no post-saturation residual.
    assertEquals(0, Saturation.phaseGains(metric, 36).deltaPost(), 1e-12);
  }

  @Test
  void largeSmallGapComparesBothRunsAtTheSmallRunsSaturationStep() {
    StepSeries small = StepSeries.of(Map.of(0L, 0.1, 20L, 0.2, 40L, 0.2));
    StepSeries large = StepSeries.of(Map.of(0L, 0.1, 20L, 0.35, 40L, 0.5));
    assertEquals(0.15, Saturation.largeSmallGap(large, small, 22), 1e-12);
  }

  @Test
  void runSaturationAveragesEachGroupOnItsOwnAndHasNoGainsWhenUnsaturated() {
    Map<String, StepSeries> metrics = Map.of(
        "arith@1", StepSeries.of(Map.of(0L, 0.1, 20L, 0.5, 199L, 0.6)),
        "arith@2-3", StepSeries.of(Map.of(0L, 0.0, 20L, 0.9, 199L, 0.9)),
        "island@1", StepSeries.of(Map.of(0L, 0.2, 20L, 0.1, 199L, 0.3)),
        "units@1", StepSeries.of(Map.of(0L, 0.2, 20L, 0.3, 199L, 0.3)),
        "arith@1-3", StepSeries.of(Map.of(0L, 0.0, 20L, 0.7, 199L, 0.7)));
    Map<String, String> groups = Map.of("arith@1", Benchmark.HELD_OUT, "arith@2-3", Benchmark.HARDER,
        "island@1", Benchmark.OTHER_DOMAINS, "units@1", Benchmark.OTHER_DOMAINS, "arith@1-3", Benchmark.OTHER);
    RunSaturation r = RunSaturation.compute(rampThenFlat(), metrics, groups::get, DEFAULTS);
    assertEquals(5, r.gains().size());
    assertEquals(Benchmark.HARDER, r.gains().stream().filter(g -> g.benchmark().equals("arith@2-3")).findFirst()
        .orElseThrow().group());
    // The harder level's 0.9 and the mixed range's 0.7 stay out of the held-out mean.
    assertEquals(0.4, r.meanDeltaSat(Benchmark.HELD_OUT), 1e-12);
    assertEquals(0.1, r.meanDeltaPost(Benchmark.HELD_OUT), 1e-12);
    assertEquals(0.9, r.meanDeltaSat(Benchmark.HARDER), 1e-12);
    assertEquals(0.0, r.meanDeltaPost(Benchmark.HARDER), 1e-12);
    assertEquals((-0.1 + 0.1) / 2, r.meanDeltaSat(Benchmark.OTHER_DOMAINS), 1e-12);
    assertEquals((0.2 + 0.0) / 2, r.meanDeltaPost(Benchmark.OTHER_DOMAINS), 1e-12);
    RunSaturation none = RunSaturation.compute(StepSeries.ofValues(0, 0.5, 1), metrics, groups::get,
        DEFAULTS);
    assertTrue(none.gains().isEmpty());
    assertTrue(Double.isNaN(none.meanDeltaSat(Benchmark.HELD_OUT)));
  }

  @Test
  void groupMeansOfTruncationAndOverlapSkipMissingValuesAndOtherGroups() {
    Map<String, BenchmarkContext> contexts = Map.of(
        "arith@1", new BenchmarkContext(Benchmark.HELD_OUT, 0.1, 2),
        "arith@2", new BenchmarkContext(Benchmark.HARDER, 0.5, 0),
        "arith@3", new BenchmarkContext(Benchmark.HARDER, Double.NaN, 4),
        "island@1", BenchmarkContext.of(Benchmark.OTHER_DOMAINS));
    assertEquals(0.1, BenchmarkContext.mean(contexts, Benchmark.HELD_OUT, BenchmarkContext::truncated), 1e-12);
    assertEquals(0.5, BenchmarkContext.mean(contexts, Benchmark.HARDER, BenchmarkContext::truncated), 1e-12);
    assertEquals(2.0, BenchmarkContext.mean(contexts, Benchmark.HARDER, BenchmarkContext::overlapWithTraining), 1e-12);
    assertTrue(Double.isNaN(BenchmarkContext.mean(contexts, Benchmark.OTHER_DOMAINS, BenchmarkContext::truncated)));
    assertEquals(Benchmark.OTHER, BenchmarkContext.groupOf(contexts, "gsm8k"));
  }

  @Test
  void spearmanUsesAverageRanksForTies() {
    assertEquals(1.0, Stats.spearman(new double[] {1, 2, 3}, new double[] {10, 20, 90}), 1e-12);
    assertEquals(-1.0, Stats.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
    assertEquals(java.util.Arrays.toString(new double[] {1, 2.5, 2.5, 4}),
        java.util.Arrays.toString(Stats.ranks(new double[] {1, 5, 5, 7})));
    assertTrue(Double.isNaN(Stats.spearman(new double[] {1}, new double[] {2})));
    assertTrue(Double.isNaN(Stats.spearman(new double[] {1, 2}, new double[] {3, 3})));
  }

  @Test
  void aSlowRampSaturatesAtTheDefinitionsStepRawAndLaterSmoothed() {
    double[] exact = new double[300];
    double[] accumulated = new double[300];
    for (int t = 0; t < exact.length; t++) {
      exact[t] = Math.min(1, t / 100.0);
      accumulated[t] = Math.min(1, t * 0.01); // 0.99 computed another way: rounding must not move t_sat
    }
    assertEquals(OptionalLong.of(99), Saturation.saturation(StepSeries.ofValues(exact), 0.99, 50, 100).saturationStep());
    assertEquals(OptionalLong.of(99),
        Saturation.saturation(StepSeries.ofValues(accumulated), 0.99, 50, 100).saturationStep());
    // The 10-step trailing mean at t = 105 averages 0.96..0.99 and six 1s: 0.99, the first to reach it.
    assertEquals(OptionalLong.of(105), Saturation.saturation(Saturation.smooth(StepSeries.ofValues(exact),
        Saturation.DEFAULT_SMOOTH), 0.99, 50, 100).saturationStep());
  }

  @Test
  void theDefaultSettingsSmoothTenSteps() {
    assertEquals(10, DEFAULTS.smoothWindow());
  }
}

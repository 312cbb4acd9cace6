package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.common.options.OptionRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims on hand-built runs: the paper's pattern, where every claim holds, and its opposite. */
class ClaimsTest {
  /** A run; a null t_sat is unsaturated. */
  static Claims.Run run(String arm, String setting, long seed, Regime regime, Long tSat, double deltaSat,
      double deltaLast, double faithful, double diversity) {
    return new Claims.Run(arm + "/" + setting + "/" + seed, arm, setting, seed, regime, tSat, deltaSat, deltaLast,
        faithful, diversity);
  }

  /**
   * The paper's pattern on two seeds: thinking arms faithful and gradual (late t_sat, held-out
   * gains), base and non-thinking unfaithful and rapid (early t_sat, no gain); diversity unrelated.
   */
  static List<Claims.Run> paperPattern() {
    List<Claims.Run> runs = new ArrayList<>();
    for (long seed : List.of(1L, 2L)) {
      double d = seed * 0.001;
      for (String setting : List.of("scarce-8", "noisy-0.5", "majority")) {
        runs.add(run(Claims.BASE, setting, seed, Regime.RAPID, 10L + seed, -0.01, -0.02, 0.05 + d, 0.30));
        runs.add(run(Claims.NONTHINKING, setting, seed, Regime.RAPID, 20L + seed, 0.01, -0.01, 0.10 + d, 0.10));
        runs.add(run(Claims.THINKING, setting, seed, Regime.GRADUAL, 150L + seed, 0.08, 0.06, 0.60 + d, 0.50));
        runs.add(run(Claims.CPT_THINKING, setting, seed, Regime.GRADUAL, 200L + seed, 0.12, 0.10, 0.80 + d, 0.20));
      }
    }
    return runs;
  }

  static Map<String, Claims.Claim> byId(List<Claims.Claim> claims) {
    Map<String, Claims.Claim> map = new java.util.LinkedHashMap<>();
    claims.forEach(c -> map.put(c.id(), c));
    return map;
  }

  @Test
  void everyClaimHoldsOnThePapersPatternOnEachSeed() {
    Map<String, Claims.Claim> claims = byId(Claims.compute(paperPattern(), Claims.Thresholds.defaults()));
    assertEquals(List.of("C1", "C2", "C3", "C4", "C5", "C6"), List.copyOf(claims.keySet()));
    claims.values().forEach(c -> assertTrue(c.holds(), c.toString()));
    claims.values().forEach(c -> assertEquals(Map.of(1L, true, 2L, true), c.holdsBySeed(), c.toString()));
    assertEquals(1.0, claims.get("C3").value(), 0.05);
  }

  @Test
  void theThresholdsAreTheSpecs() {
    // The thinking arm's Δsat is 0.08: it meets a gradual gain of 0.05 and misses one of 0.10.
    Claims.Thresholds strict = OptionRecords.with(Claims.Thresholds.defaults(), Map.of("gradualGain", 0.10));
    Map<String, Claims.Claim> claims = byId(Claims.compute(paperPattern(), strict));
    assertFalse(claims.get("C2").holds(), claims.get("C2").toString());
    assertTrue(claims.get("C2").threshold().contains("+0.10"), claims.get("C2").threshold());
    assertTrue(claims.get("C1").holds(), "the other claims keep their verdicts");
  }

  @Test
  void everyClaimFailsWhereTheArmsSwapRoles() {
    List<Claims.Run> swapped = new ArrayList<>();
    for (Claims.Run r : paperPattern()) {
      boolean thinking = r.arm().equals(Claims.THINKING) || r.arm().equals(Claims.CPT_THINKING);
      // Thinking arms now saturate rapidly and lose; CPT no longer helps; diversity tracks the gain.
      swapped.add(new Claims.Run(r.name(), r.arm(), r.setting(), r.seed(), thinking ? Regime.RAPID : Regime.GRADUAL,
          thinking ? 10L : 150L, thinking ? 0.10 : 0.0, thinking ? -0.05 - (r.arm().equals(Claims.CPT_THINKING)
              ? 0.01 : 0) : 0.05, r.preRlFaithful(), thinking ? 0.0 : 0.9));
    }
    Map<String, Claims.Claim> claims = byId(Claims.compute(swapped, Claims.Thresholds.defaults()));
    claims.values().forEach(c -> assertFalse(c.holds(), c.toString()));
    assertTrue(claims.get("C3").value() < -0.5, claims.get("C3").toString());
  }

  @Test
  void unsaturatedRunsRankAboveEverySaturatedOneAndMissingArmsDoNotHold() {
    List<Claims.Run> runs = List.of(
        run(Claims.BASE, "scarce-8", 1, Regime.RAPID, 5L, 0.0, 0.0, 0.1, 0.1),
        run(Claims.THINKING, "scarce-8", 1, Regime.GRADUAL, 120L, 0.06, 0.05, 0.5, 0.1),
        run(Claims.CPT_THINKING, "scarce-8", 1, Regime.UNSATURATED, null, Double.NaN, 0.08, 0.9, 0.1));
    Map<String, Claims.Claim> claims = byId(Claims.compute(runs, Claims.Thresholds.defaults()));
    assertEquals(1.0, claims.get("C3").value(), 1e-12, "faithfulness and t_sat in the same order");
    assertFalse(claims.get("C6").holds(), "no noisy or proxy runs: C6 cannot hold");
    assertTrue(claims.get("C6").detail().contains("noisy"), claims.get("C6").detail());
  }

  @Test
  void spearmanAveragesTiedRanks() {
    assertEquals(1.0, Claims.spearman(List.of(1.0, 2.0, 3.0), List.of(10.0, 20.0, 30.0)), 1e-12);
    assertEquals(-1.0, Claims.spearman(List.of(1.0, 2.0, 3.0), List.of(3.0, 2.0, 1.0)), 1e-12);
    // x ranks (1, 2.5, 2.5, 4) against y (1, 2, 3, 4): ρ = 4.5 / sqrt(4.5 · 5)
    assertEquals(4.5 / Math.sqrt(4.5 * 5), Claims.spearman(List.of(1.0, 2.0, 2.0, 3.0),
        List.of(1.0, 2.0, 3.0, 4.0)), 1e-12);
    assertTrue(Double.isNaN(Claims.spearman(List.of(1.0, 2.0), List.of(1.0, 2.0))));
  }
}

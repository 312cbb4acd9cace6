package dev.weakrl.study.analysis;

import dev.weakrl.common.options.Option;
import dev.weakrl.common.options.OptionRecords;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The study's claims (arXiv 2604.18574, §3–4), computed from RL runs: each one holds or fails, with
 * its value, over all runs and on each seed. The thresholds ({@link Thresholds}) are fixed before
 * any result is seen, by their defaults or a study spec; a failing claim is reported as failing.
 */
public final class Claims {
  private Claims() {}

  /** Arms: pre-RL models by their lineage. */
  public static final String BASE = "base";
  public static final String NONTHINKING = "nonthinking";
  public static final String THINKING = "thinking";
  public static final String CPT_THINKING = "cpt+thinking";

  /** The claims' thresholds: named in a study spec's {@code "claims"} before its results exist. */
  public record Thresholds(
      @Option(defaultValue = "0.05", help = "held-out Δsat every gradual run must reach (C2)") double gradualGain,
      @Option(defaultValue = "0.02", help = "held-out Δsat no rapid run may exceed (C2)") double rapidGain,
      @Option(defaultValue = "0.7", help = "least Spearman ρ(pre-RL faithfulness, t_sat) (C3)") double faithfulnessRho,
      @Option(defaultValue = "0.3", help = "largest |Spearman ρ(pre-RL diversity, held-out Δ at the last step)| (C4)")
      double diversityRho) implements Serializable {
    public static Thresholds defaults() {
      return OptionRecords.defaults(Thresholds.class);
    }
  }

  /**
   * One RL run as the claims read it.
   *
   * @param setting the weak setting: {@code scarce-N}, {@code noisy-G}, {@code majority}, {@code
   *     self-certainty}, {@code verifiable}, …
   * @param tSat t_sat; null when the run did not saturate
   * @param deltaSat held-out Δsat; NaN when the run did not saturate
   * @param deltaLast held-out M(T) − M(0)
   */
  public record Run(String name, String arm, String setting, long seed, Regime regime, Long tSat, double deltaSat,
      double deltaLast, double preRlFaithful, double preRlDiversity) {
    /** The setting's family: scarce, noisy, proxy (majority, self-certainty) or the setting itself. */
    public String family() {
      return setting.startsWith("scarce-") ? "scarce" : setting.startsWith("noisy-") ? "noisy"
          : setting.equals("majority") || setting.equals("self-certainty") ? "proxy" : setting;
    }
  }

  /** A claim's verdict: {@code value} against {@code threshold}, over all runs and per seed. */
  public record Claim(String id, String statement, double value, String threshold, boolean holds,
      Map<Long, Boolean> holdsBySeed, String detail) {}

  /** Every claim over {@code runs}, and each claim on each seed's runs alone. */
  public static List<Claim> compute(List<Run> runs, Thresholds t) {
    List<Claim> all = computeOnce(runs, t);
    List<Claim> out = new ArrayList<>();
    TreeSet<Long> seeds = new TreeSet<>(runs.stream().map(Run::seed).toList());
    for (int i = 0; i < all.size(); i++) {
      Map<Long, Boolean> bySeed = new LinkedHashMap<>();
      for (long seed : seeds) {
        bySeed.put(seed, computeOnce(runs.stream().filter(r -> r.seed() == seed).toList(), t).get(i).holds());
      }
      Claim c = all.get(i);
      out.add(new Claim(c.id(), c.statement(), c.value(), c.threshold(), c.holds(), bySeed, c.detail()));
    }
    return out;
  }

  private static List<Claim> computeOnce(List<Run> runs, Thresholds t) {
    return List.of(c1(runs), c2(runs, t), c3(runs, t), c4(runs, t), c5(runs), c6(runs));
  }

  /** C1: under scarce data, thinking arms saturate gradually, base and non-thinking arms rapidly. */
  static Claim c1(List<Run> runs) {
    List<Run> scarce = runs.stream().filter(r -> r.family().equals("scarce")).toList();
    List<Run> thinking = scarce.stream().filter(r -> r.arm().equals(THINKING) || r.arm().equals(CPT_THINKING)).toList();
    List<Run> other = scarce.stream().filter(r -> r.arm().equals(BASE) || r.arm().equals(NONTHINKING)).toList();
    long matching = thinking.stream().filter(r -> r.regime() == Regime.GRADUAL).count()
        + other.stream().filter(r -> r.regime() == Regime.RAPID).count();
    int n = thinking.size() + other.size();
    double value = n == 0 ? Double.NaN : (double) matching / n;
    return claim("C1", "thinking-SFT arms saturate gradually under scarce data; base and non-thinking arms rapidly",
        value, "fraction of scarce runs in their expected regime = 1", !thinking.isEmpty() && !other.isEmpty()
            && matching == n, matching + " of " + n + " scarce runs (" + thinking.size() + " thinking)");
  }

  /** C2: gradual runs generalise (held-out Δsat ≥ the gradual gain), rapid runs memorise (≤ the rapid gain). */
  static Claim c2(List<Run> runs, Thresholds t) {
    List<Run> saturated = runs.stream().filter(r -> r.tSat() != null && !Double.isNaN(r.deltaSat())).toList();
    long meeting = saturated.stream().filter(r -> r.regime() == Regime.GRADUAL ? r.deltaSat() >= t.gradualGain()
        : r.deltaSat() <= t.rapidGain()).count();
    boolean bothRegimes = saturated.stream().anyMatch(r -> r.regime() == Regime.GRADUAL)
        && saturated.stream().anyMatch(r -> r.regime() == Regime.RAPID);
    double value = saturated.isEmpty() ? Double.NaN : (double) meeting / saturated.size();
    return claim("C2", "gradual runs generalise, rapid runs memorise", value,
        String.format("held-out Δsat ≥ %+.2f gradual, ≤ %+.2f rapid, for every saturated run", t.gradualGain(),
            t.rapidGain()), bothRegimes && meeting == saturated.size(), meeting + " of " + saturated.size()
            + " saturated runs" + (bothRegimes ? "" : "; needs gradual and rapid runs"));
  }

  /** C3: pre-RL faithfulness predicts the regime: ρ(faithful fraction, t_sat) high, unsaturated last. */
  static Claim c3(List<Run> runs, Thresholds t) {
    double rho = spearman(runs.stream().map(Run::preRlFaithful).toList(),
        runs.stream().map(r -> r.tSat() == null ? Double.POSITIVE_INFINITY : (double) r.tSat()).toList());
    return claim("C3", "pre-RL reasoning faithfulness predicts the regime", rho,
        String.format("Spearman ρ(pre-RL faithful fraction, t_sat; unsaturated ranked above every saturated run)"
            + " ≥ %.2f", t.faithfulnessRho()), rho >= t.faithfulnessRho(), runs.size() + " runs");
  }

  /** C4: output diversity alone does not predict generalisation: |ρ(diversity, held-out Δ)| small. */
  static Claim c4(List<Run> runs, Thresholds t) {
    double rho = spearman(runs.stream().map(Run::preRlDiversity).toList(), runs.stream().map(Run::deltaLast).toList());
    double value = Math.abs(rho);
    return claim("C4", "output diversity alone does not predict generalisation", value,
        String.format("|Spearman ρ(pre-RL diversity, held-out Δ at the last step)| < %.2f", t.diversityRho()),
        value < t.diversityRho(), runs.size() + " runs");
  }

  /** C5: CPT amplifies SFT: CPT + thinking ≥ thinking on held-out Δ in every setting (and seed). */
  static Claim c5(List<Run> runs) {
    int pairs = 0;
    int meeting = 0;
    for (Run cpt : runs.stream().filter(r -> r.arm().equals(CPT_THINKING)).toList()) {
      for (Run thinking : runs.stream().filter(r -> r.arm().equals(THINKING) && r.setting().equals(cpt.setting())
          && r.seed() == cpt.seed()).toList()) {
        pairs++;
        meeting += cpt.deltaLast() >= thinking.deltaLast() ? 1 : 0;
      }
    }
    return claim("C5", "CPT amplifies thinking SFT", pairs == 0 ? Double.NaN : (double) meeting / pairs,
        "fraction of (setting, seed) pairs with CPT + thinking ≥ thinking on held-out Δ = 1",
        pairs > 0 && meeting == pairs, meeting + " of " + pairs + " pairs");
  }

  /** C6: CPT + thinking gains on held-out under scarce, noisy and proxy rewards; the base arm does not. */
  static Claim c6(List<Run> runs) {
    List<String> failed = new ArrayList<>();
    int conditions = 0;
    for (String family : List.of("scarce", "noisy", "proxy")) {
      conditions += 2;
      if (!all(runs, r -> r.family().equals(family) && r.arm().equals(CPT_THINKING), r -> r.deltaLast() > 0)) {
        failed.add(CPT_THINKING + " " + family);
      }
      if (!all(runs, r -> r.family().equals(family) && r.arm().equals(BASE), r -> r.deltaLast() <= 0)) {
        failed.add(BASE + " " + family);
      }
    }
    return claim("C6", "the intervention (CPT + thinking SFT) works in all three weak settings",
        (double) (conditions - failed.size()) / conditions,
        "CPT + thinking held-out Δ > 0 and base Δ ≤ 0 in scarce, noisy and proxy: fraction met = 1",
        failed.isEmpty(), failed.isEmpty() ? "all met" : "not met (or no runs): " + String.join(", ", failed));
  }

  private static Claim claim(String id, String statement, double value, String threshold, boolean holds,
      String detail) {
    return new Claim(id, statement, value, threshold, holds, Map.of(), detail);
  }

  /** Whether some run is {@code selected} and every selected run {@code meets}. */
  private static boolean all(List<Run> runs, Predicate<Run> selected, Predicate<Run> meets) {
    List<Run> chosen = runs.stream().filter(selected).toList();
    return !chosen.isEmpty() && chosen.stream().allMatch(meets);
  }

  /**
   * {@link Stats#spearman} over the pairs where both values are defined (not NaN); NaN for fewer
   * than 3 such pairs, where a rank correlation says nothing.
   */
  static double spearman(List<Double> x, List<Double> y) {
    if (x.size() != y.size()) {
      throw new IllegalArgumentException("spearman: " + x.size() + " vs " + y.size() + " values");
    }
    List<Integer> defined = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      if (!Double.isNaN(x.get(i)) && !Double.isNaN(y.get(i))) {
        defined.add(i);
      }
    }
    return defined.size() < 3 ? Double.NaN : Stats.spearman(defined.stream().mapToDouble(x::get).toArray(),
        defined.stream().mapToDouble(y::get).toArray());
  }
}

package dev.weakrl.datasets.weak;

import dev.weakrl.common.Json;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.verify.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The weak-supervision variants of a training set. Solve counts (how many of k samples a model
 * got right, per problem id) come from the caller, e.g. {@link #solveCounts} over a file's
 * per-model {@code difficulty} column. Every builder is deterministic given its seed.
 */
public final class WeakSupervision {
  /** Metadata keys the builders write. */
  public static final String ORIGINAL_LABEL = "original_label";
  public static final String NOISY = "noisy";
  public static final String WITHHELD_LABEL = "withheld_label";

  private WeakSupervision() {}

  /** Samples per problem behind solve counts when a caller has none: the study's k = 16. */
  public static final int DEFAULT_K = 16;

  /**
   * Scarce: {@code n} problems spread over the input model's difficulty, repeated in turn to fill
   * a batch of {@code batch} prompts (n=8, batch=64: every step sees each problem 8 times).
   *
   * <p>With solve counts (how many of {@code k} samples were right, per problem id), problems
   * without a count drop, and so, unless {@code keepUnsolved}, do counts 0 and k: every response
   * in their GRPO groups scores the same, so they give no advantage. The remaining counts lo..hi
   * are cut into n equal-width bins and one problem is drawn from each; a bin that holds none (n
   * above the number of distinct counts, or gaps) takes the unchosen problem nearest its centre.
   * Equal width rather than quantiles because solve counts pile up near 0 and k: quantile bins
   * would follow the pile, equal-width ones spread the picks over difficulty. Without solve counts
   * (an empty map), n problems drawn at random. Deterministic given {@code seed}.
   */
  public static List<Problem> scarce(List<Problem> problems, int n, int batch,
      Map<String, Integer> solveCounts, int k, boolean keepUnsolved, long seed) {
    if (n <= 0 || batch < n || k <= 0) {
      throw new IllegalArgumentException("scarce: need n > 0, batch >= n and k > 0, got n=" + n
          + " batch=" + batch + " k=" + k);
    }
    Random random = new Random(seed);
    List<Problem> chosen = solveCounts.isEmpty()
        ? drawn(problems, n, random)
        : stratified(problems, n, solveCounts, k, keepUnsolved, random);
    List<Problem> filled = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      filled.add(chosen.get(i % n));
    }
    return filled;
  }

  private static List<Problem> drawn(List<Problem> problems, int n, Random random) {
    if (n > problems.size()) {
      throw new IllegalArgumentException("scarce: N=" + n + " asks for " + n + " problems, there are "
          + problems.size());
    }
    List<Problem> shuffled = new ArrayList<>(problems);
    Collections.shuffle(shuffled, random);
    return shuffled.subList(0, n);
  }

  private static List<Problem> stratified(List<Problem> problems, int n, Map<String, Integer> solveCounts,
      int k, boolean keepUnsolved, Random random) {
    List<Problem> pool = new ArrayList<>();
    int uncounted = 0;
    for (Problem p : problems) {
      Integer c = solveCounts.get(p.id());
      if (c == null) {
        uncounted++;
      } else if (c < 0 || c > k) {
        throw new IllegalArgumentException("scarce: " + p.id() + " has solve count " + c
            + ", outside 0.." + k + " for k=" + k + " samples");
      } else if (keepUnsolved || (c > 0 && c < k)) {
        pool.add(p);
      }
    }
    if (pool.size() < n) {
      throw new IllegalArgumentException("scarce: " + pool.size() + " problems have solve counts "
          + (keepUnsolved ? "in 0.." + k : "strictly between 0 and " + k) + ", N=" + n + " asks for " + n
          + (uncounted > 0 ? " (" + uncounted + " problems have no solve count)" : "")
          + (keepUnsolved ? "" : "; pass keepUnsolved to include 0 and " + k));
    }
    Collections.shuffle(pool, random); // a random pick within each bin, and random ties
    int lo = pool.stream().mapToInt(p -> solveCounts.get(p.id())).min().orElseThrow();
    int span = pool.stream().mapToInt(p -> solveCounts.get(p.id())).max().orElseThrow() - lo + 1;
    // count c covers [c - lo, c - lo + 1) of [0, span); bin i covers [i, i + 1) * span / n
    Problem[] chosen = new Problem[n];
    List<Problem> left = new ArrayList<>(pool);
    for (Problem p : pool) {
      int bin = (int) ((long) (solveCounts.get(p.id()) - lo) * n / span);
      if (chosen[bin] == null) {
        chosen[bin] = p;
        left.remove(p);
      }
    }
    for (int bin = 0; bin < n; bin++) {
      if (chosen[bin] == null) {
        double centre = (bin + 0.5) * span / n;
        Problem nearest = left.get(0); // enough left: pool.size() >= n
        for (Problem p : left) {
          if (distance(p, lo, centre, solveCounts) < distance(nearest, lo, centre, solveCounts)) {
            nearest = p;
          }
        }
        chosen[bin] = nearest;
        left.remove(nearest);
      }
    }
    return List.of(chosen);
  }

  /** From the middle of count {@code p}'s unit interval to {@code centre}, lo at 0. */
  private static double distance(Problem p, int lo, double centre, Map<String, Integer> solveCounts) {
    return Math.abs(solveCounts.get(p.id()) - lo + 0.5 - centre);
  }

  /**
   * Noisy: a {@code gamma} fraction (rounded) of the problems, chosen with {@code seed}, get a
   * wrong label: the most frequent wrong answer among {@code sampled} answers for that problem
   * (the study's method) when there is one, else a random wrong answer from {@code wrongPool}.
   * Wrong means graded INCORRECT by the problem's own verifier ({@link Domains#grade}).
   * The original label is kept in metadata {@link #ORIGINAL_LABEL}; {@link #NOISY} says which.
   */
  public static List<Problem> noisy(List<Problem> problems, double gamma,
      Map<String, List<String>> sampled, List<String> wrongPool, long seed) {
    if (gamma < 0 || gamma > 1) {
      throw new IllegalArgumentException("noisy: gamma must be in [0, 1], got " + gamma);
    }
    Random random = new Random(seed);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    Set<Integer> corrupt = new HashSet<>(order.subList(0, (int) Math.round(gamma * problems.size())));
    List<Problem> out = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      Problem p = problems.get(i);
      String label = p.groundTruth();
      if (corrupt.contains(i)) {
        label = mostFrequentWrong(sampled.getOrDefault(p.id(), List.of()), p)
            .orElseGet(() -> randomWrong(wrongPool, p, random));
      }
      out.add(p.withGroundTruth(label).withMeta(Map.of(
          ORIGINAL_LABEL, p.groundTruth(), NOISY, String.valueOf(!label.equals(p.groundTruth())))));
    }
    return out;
  }

  /** Proxy: labels withheld from training (kept in {@link #WITHHELD_LABEL} for evaluation). */
  public static List<Problem> proxy(List<Problem> problems) {
    return problems.stream()
        .map(p -> p.withGroundTruth("").withMeta(Map.of(WITHHELD_LABEL, p.groundTruth())))
        .toList();
  }

  /** Per-problem counts for {@code model} from a metadata column holding {model: count} JSON. */
  public static Map<String, Integer> solveCounts(List<Problem> problems, String column, String model) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Problem p : problems) {
      p.meta(column).map(json -> Json.parse(json, p.id() + " " + column).get(model))
          .filter(v -> v != null && v.isNumber())
          .ifPresent(v -> counts.put(p.id(), (int) Math.round(v.asDouble())));
    }
    return counts;
  }

  /**
   * The most frequent answer that {@code p}'s own verifier grades INCORRECT (undecided ones are
   * not known to be wrong), answers counted by {@link Domains#normalForm} so that 1/2 and 0.5 are
   * one answer; the first spelling seen stands for its class, and ties go to the first seen.
   */
  static Optional<String> mostFrequentWrong(List<String> answers, Problem p) {
    Map<String, String> spelling = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String a : answers) {
      if (isWrong(a, p)) {
        String form = Domains.normalForm(p, a);
        spelling.putIfAbsent(form, a);
        counts.merge(form, 1, Integer::sum);
      }
    }
    String best = null;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (best == null || e.getValue() > counts.get(best)) {
        best = e.getKey();
      }
    }
    return Optional.ofNullable(best).map(spelling::get);
  }

  private static String randomWrong(List<String> pool, Problem p, Random random) {
    List<String> wrong = pool.stream().filter(a -> isWrong(a, p)).toList();
    if (wrong.isEmpty()) {
      throw new IllegalArgumentException("noisy: no wrong answer available for " + p.id()
          + " (truth '" + p.groundTruth() + "')");
    }
    return wrong.get(random.nextInt(wrong.size()));
  }

  /** Graded INCORRECT by the problem's domain verifier (e.g. lock: any shortest sequence is right). */
  private static boolean isWrong(String answer, Problem p) {
    return !answer.isBlank() && Domains.grade(p, answer) == Verdict.INCORRECT;
  }
}

package dev.weakrl.study.eval;

import java.util.List;

/**
 * The unbiased pass@k estimator (Chen et al. 2021): with n samples of which c are correct,
 * pass@k = 1 − C(n−c, k) / C(n, k), the chance that k samples drawn without replacement from the
 * n contain a correct one.
 */
public final class PassAtK {
  /** The k reported for every benchmark (those above the sample count are left out). */
  public static final List<Integer> STANDARD_K = List.of(1, 4, 8, 16);

  private PassAtK() {}

  public static double estimate(int n, int c, int k) {
    if (n < 1 || c < 0 || c > n || k < 1 || k > n) {
      throw new IllegalArgumentException("pass@k needs 0 <= c <= n and 1 <= k <= n, got n=" + n + " c=" + c + " k=" + k);
    }
    if (n - c < k) {
      return 1.0;
    }
    // C(n−c, k) / C(n, k) = Π_{i=n−c+1..n} (1 − k/i): a product of ratios, no large binomials.
    double allWrong = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      allWrong *= 1.0 - (double) k / i;
    }
    return 1.0 - allWrong;
  }
}

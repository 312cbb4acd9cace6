package dev.weakrl.common.options;

import java.util.Collection;
import java.util.Optional;

/** The "did you mean" of a mistyped name. */
public final class Names {
  private Names() {}

  /** The known name nearest to {@code name} by edit distance, if it is near enough to be a typo. */
  public static Optional<String> closest(String name, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(name.toLowerCase(), k.toLowerCase());
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  /** "; did you mean --x?" or nothing: the tail of an unknown-option message. */
  public static String didYouMean(String name, Collection<String> known) {
    return closest(name, known).map(k -> "; did you mean --" + k + "?").orElse("");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}

package dev.weakrl.datasets.weak;

import dev.weakrl.datasets.Problem;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One training set built from the prepared problems, named as in {@code --variants}:
 * {@code full} (every problem, true labels), {@code scarce-N} (N problems repeated to fill a batch),
 * {@code noisy-G} (a fraction G of labels replaced by a wrong answer), {@code proxy} (labels
 * withheld). Before any model has sampled, solve counts and sampled answers do not exist: scarce
 * subsets are drawn at random (no solve counts to stratify by) and noisy labels are drawn from the
 * other problems' answers.
 */
public record WeakVariant(Kind kind, int scarceN, double noisyGamma) implements Serializable {
  public enum Kind { FULL, SCARCE, NOISY, PROXY }

  public static WeakVariant parse(String spec) {
    String s = spec.trim();
    try {
      if (s.equals("full")) {
        return new WeakVariant(Kind.FULL, 0, 0);
      } else if (s.equals("proxy")) {
        return new WeakVariant(Kind.PROXY, 0, 0);
      } else if (s.startsWith("scarce-")) {
        return new WeakVariant(Kind.SCARCE, Integer.parseInt(s.substring("scarce-".length())), 0);
      } else if (s.startsWith("noisy-")) {
        return new WeakVariant(Kind.NOISY, 0, Double.parseDouble(s.substring("noisy-".length())));
      }
    } catch (NumberFormatException e) {
      // reported below with the expected forms
    }
    throw new IllegalArgumentException("variant '" + spec + "': expected full, scarce-N, noisy-G or proxy");
  }

  public static List<WeakVariant> parseAll(String specs) {
    return Arrays.stream(specs.split(",")).filter(s -> !s.isBlank()).map(WeakVariant::parse).toList();
  }

  public String name() {
    return switch (kind) {
      case FULL -> "full";
      case SCARCE -> "scarce-" + scarceN;
      case NOISY -> "noisy-" + noisyGamma;
      case PROXY -> "proxy";
    };
  }

  /** This variant of {@code problems}; scarce sets fill {@code scarceBatch} prompts. */
  public List<Problem> build(List<Problem> problems, int scarceBatch, long seed) {
    return switch (kind) {
      case FULL -> problems;
      case SCARCE -> WeakSupervision.scarce(problems, scarceN, scarceBatch, Map.of(), WeakSupervision.DEFAULT_K,
          false, seed);
      case NOISY -> WeakSupervision.noisy(problems, noisyGamma, Map.of(),
          problems.stream().map(Problem::groundTruth).distinct().toList(), seed);
      case PROXY -> WeakSupervision.proxy(problems);
    };
  }
}

package dev.weakrl.study.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Output diversity of the K responses to one prompt: distinct final answers, distinct-n of the
 * text, and strategy diversity from clustering. Pure functions.
 */
public final class Diversity {
  private Diversity() {}

  /** The number of different non-empty final answers. */
  public static int distinctAnswers(List<String> answers) {
    return (int) answers.stream().filter(a -> !a.isEmpty()).distinct().count();
  }

  /**
   * distinct-n: distinct n-grams of whitespace-separated words over all n-grams, pooled over the
   * texts; 0 when no text has n words.
   */
  public static double distinctN(List<String> texts, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("distinct-n needs n >= 1, got " + n);
    }
    Set<List<String>> distinct = new HashSet<>();
    int total = 0;
    for (String text : texts) {
      String[] words = text.trim().split("\\s+");
      for (int i = 0; i + n <= words.length && !words[0].isEmpty(); i++) {
        distinct.add(List.of(words).subList(i, i + n));
        total++;
      }
    }
    return total == 0 ? 0 : (double) distinct.size() / total;
  }

  /**
   * Greedy clustering: each item joins the first cluster whose representative (its first member)
   * {@code same} says it matches, else starts a new cluster. Returns the cluster sizes in order
   * of creation; {@code same} is asked at most once per (item, cluster) pair.
   */
  public static <T> List<Integer> clusterSizes(List<T> items, BiPredicate<T, T> same) {
    List<T> representatives = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (T item : items) {
      int cluster = -1;
      for (int c = 0; c < representatives.size() && cluster < 0; c++) {
        if (same.test(representatives.get(c), item)) {
          cluster = c;
        }
      }
      if (cluster < 0) {
        representatives.add(item);
        sizes.add(1);
      } else {
        sizes.set(cluster, sizes.get(cluster) + 1);
      }
    }
    return sizes;
  }

  /** N_eff = exp(H), H the entropy (nats) of the cluster shares: 1 for one cluster, K for K singletons. */
  public static double effectiveClusters(List<Integer> sizes) {
    double total = sizes.stream().mapToInt(Integer::intValue).sum();
    double entropy = 0;
    for (int size : sizes) {
      if (size > 0) {
        double p = size / total;
        entropy -= p * Math.log(p);
      }
    }
    return Math.exp(entropy);
  }

  /** Div = (N_eff − 1)/(K − 1) in [0, 1]; 0 for one cluster and for K ≤ 1. */
  public static double strategyDiversity(double effectiveClusters, int responses) {
    return responses <= 1 ? 0 : (effectiveClusters - 1) / (responses - 1);
  }
}

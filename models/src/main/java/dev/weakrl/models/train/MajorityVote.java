package dev.weakrl.models.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The majority-vote pseudo-label of a prompt's sampled answers (TTRL-style proxy reward). */
public final class MajorityVote {
  private MajorityVote() {}

  /**
   * The most common present answer; ties go to the answer seen first. Empty when no response
   * yielded an answer. Answers are compared as given, so callers pass normalised forms.
   */
  public static Optional<String> pseudoLabel(List<Optional<String>> answers) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    answers.forEach(a -> a.ifPresent(v -> counts.merge(v, 1, Integer::sum)));
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return Optional.ofNullable(best);
  }
}

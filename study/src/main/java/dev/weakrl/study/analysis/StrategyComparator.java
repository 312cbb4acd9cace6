package dev.weakrl.study.analysis;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Trace;

/** Decides whether two responses to the same problem follow the same solution strategy. */
@FunctionalInterface
public interface StrategyComparator {
  boolean sameStrategy(Problem problem, String a, String b);

  /** Same {@link #stepSignature}: the judge's stand-in for the procedural domains. */
  static StrategyComparator stepSignatures() {
    return (problem, a, b) -> stepSignature(a).equals(stepSignature(b));
  }

  /**
   * The step structure of a response: its step lines ({@link Trace#steps}) with every number
   * replaced by {@code #}, joined by {@code |}. Arithmetic reduced in another order, or with a
   * step skipped, gets another signature; the same derivation with other numbers does not.
   */
  static String stepSignature(String response) {
    return String.join("|", Trace.steps(response).stream().map(s -> s.replaceAll("\\d+(\\.\\d+)?", "#")).toList());
  }
}

package dev.weakrl.datasets.verify;

/** A verifier's decision. {@code UNDECIDED}: the verifier cannot tell, and does not guess. */
public enum Verdict {
  CORRECT,
  INCORRECT,
  UNDECIDED;

  /** The RLVR reward: 1 for correct, 0 otherwise (undecided earns nothing). */
  public double reward() {
    return this == CORRECT ? 1 : 0;
  }
}

package dev.weakrl.datasets.split;

import com.google.common.hash.Hashing;
import dev.weakrl.datasets.Problem;
import java.nio.charset.StandardCharsets;

/**
 * The one train / held-out split of every problem, keyed by its canonical prompt text: a prompt
 * belongs to exactly one side whatever generator, seed, level or file it came from. Training sets
 * (base corpus, CPT replay, SFT, RL) draw from {@link #TRAIN}; every generated evaluation set
 * (SFT's held-out accuracy, benchmarks) from {@link #HELD_OUT}, so no figure about generalisation
 * is measured on a problem the model trained on.
 */
public enum Split {
  TRAIN,
  HELD_OUT;

  /** The share of prompt space held out: enough for benchmarks of hundreds of problems per level. */
  public static final double HELD_OUT_FRACTION = 0.25;

  /** The prompt text a split and an overlap are decided on: whitespace runs collapsed, trimmed. */
  public static String canonical(String prompt) {
    return prompt.strip().replaceAll("\\s+", " ");
  }

  public static String canonical(Problem problem) {
    return canonical(problem.question());
  }

  /** The side of {@code prompt}: a fixed hash (SHA-256, the same on every JVM) of its canonical text. */
  public static Split of(String prompt) {
    long h = Hashing.sha256().hashString(canonical(prompt), StandardCharsets.UTF_8).asLong();
    double unit = (h >>> 11) * 0x1.0p-53; // uniform in [0, 1)
    return unit < HELD_OUT_FRACTION ? HELD_OUT : TRAIN;
  }

  public static Split of(Problem problem) {
    return of(problem.question());
  }

  public boolean contains(Problem problem) {
    return of(problem) == this;
  }

  /** How ids of generated problems mark the side: {@code arith-1-00003}, {@code arith-1-h00003}. */
  public String idMark() {
    return this == TRAIN ? "" : "h";
  }
}

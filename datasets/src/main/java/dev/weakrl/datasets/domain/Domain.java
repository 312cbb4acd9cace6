package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.verify.MathVerifier;
import dev.weakrl.datasets.verify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A procedural reasoning domain: a seeded generator with difficulty levels 1..{@link #LEVELS}, a
 * solver that works from the prompt text alone, a verifier, an exact step checker, reference
 * solutions for SFT and a corpus for continual pre-training. All text is printable ASCII.
 */
public interface Domain {
  int LEVELS = 5;

  String name();

  /** A new problem of {@code difficulty} (1..LEVELS); its trace is {@link #thinking}. */
  Problem generate(Random random, int difficulty);

  /** The answer to {@code question}, or empty when this domain does not recognise it. */
  Optional<String> solve(String question);

  /** The thinking solution: {@code <think>} steps {@code </think> \boxed{answer}}. */
  String thinking(String question);

  /** The non-thinking solution: the boxed answer with at most a line of text. */
  default String direct(String question) {
    return Trace.direct(solve(question).orElseThrow(() -> notMine(question)));
  }

  /** Grades an extracted answer. By default, math equivalence with the ground truth. */
  default Verdict verify(String answer, Problem problem) {
    return MathVerifier.verify(answer, problem.groundTruth());
  }

  /**
   * The faithfulness of {@code output}'s steps to its own answer, right or wrong, judged against
   * the problem's prompt (never its label): 1 (every step follows and the answer is the last
   * step's result), 0.5 (that answer, after a slip or with a gap) or 0 (no steps, or an answer
   * the steps do not derive), as in {@link Trace#score}. Each domain defines "follows" for its
   * step format in its class comment.
   */
  double checkSteps(String output, Problem problem);

  /** About {@code chars} characters of domain text for CPT: facts and operations, no problems. */
  String corpus(Random random, int chars);

  /** {@code count} problems with ids {@code <name>-<difficulty>-<i>}, reproducible from seed. */
  default List<Problem> generate(int count, int difficulty, long seed) {
    if (difficulty < 1 || difficulty > LEVELS) {
      throw new IllegalArgumentException(
          "difficulty must be 1.." + LEVELS + ", got " + difficulty);
    }
    Random random = new Random(seed);
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      problems.add(generate(random, difficulty)
          .withId(String.format("%s-%d-%05d", name(), difficulty, i)));
    }
    return problems;
  }

  default IllegalArgumentException notMine(String question) {
    String head = question.length() > 60 ? question.substring(0, 60) + "..." : question;
    return new IllegalArgumentException(name() + ": not a " + name() + " prompt: " + head);
  }
}

package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.datasets.verify.MathVerifier;
import dev.weakrl.datasets.verify.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

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

  /** A new problem of {@code difficulty} whose prompt lies on {@code split}'s side. */
  default Problem generate(Random random, int difficulty, Split split) {
    for (int attempt = 0; ; attempt++) {
      Problem p = generate(random, difficulty);
      if (split.contains(p)) {
        return p;
      }
      if (attempt > 10_000) {
        throw new IllegalStateException(name() + " level " + difficulty + ": no " + split + " prompt in 10000 draws");
      }
    }
  }

  /**
   * {@code count} problems of {@code difficulty} with distinct prompts, all on {@code split}'s side,
   * reproducible from {@code seed}; ids {@code <name>-<difficulty>-<i>} ({@code -h<i>} held out).
   * A level with fewer distinct prompts on that side than asked is an error that says about how
   * many there are.
   */
  default List<Problem> generate(Split split, int count, int difficulty, long seed) {
    if (difficulty < 1 || difficulty > LEVELS) {
      throw new IllegalArgumentException(
          "difficulty must be 1.." + LEVELS + ", got " + difficulty);
    }
    Random random = new Random(seed);
    Set<String> seen = new HashSet<>();
    List<Problem> problems = new ArrayList<>();
    // Draws until count distinct prompts; gives up after a long run without a new one (the level
    // is exhausted: 'seen' is then about all there is).
    int patience = Math.max(20_000, 20 * count);
    for (int sinceNew = 0; problems.size() < count; ) {
      Problem p = generate(random, difficulty, split);
      if (seen.add(Split.canonical(p))) {
        problems.add(p.withId(String.format("%s-%d-%s%05d", name(), difficulty, split.idMark(), problems.size())));
        sinceNew = 0;
      } else if (++sinceNew > patience) {
        throw new IllegalArgumentException(String.format(
            "%s level %d has about %d distinct %s prompts (none new in %d draws); %d were asked for",
            name(), difficulty, seen.size(), split, patience, count));
      }
    }
    return problems;
  }

  default IllegalArgumentException notMine(String question) {
    String head = question.length() > 60 ? question.substring(0, 60) + "..." : question;
    return new IllegalArgumentException(name() + ": not a " + name() + " prompt: " + head);
  }
}

package dev.weakrl.datasets.domain;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.verify.MathVerifier;
import dev.weakrl.datasets.verify.Verdict;
import java.util.List;
import java.util.Optional;

/** The registry of procedural domains, by name. */
public final class Domains {
  private static final List<Domain> ALL =
      List.of(new ArithDomain(), new IslandDomain(), new LockDomain(), new UnitsDomain());

  private Domains() {}

  public static List<Domain> all() {
    return ALL;
  }

  public static List<String> names() {
    return ALL.stream().map(Domain::name).toList();
  }

  public static Domain get(String name) {
    return ALL.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown domain '" + name + "': expected one of " + names()));
  }

  /** The domain whose prompt this is: by domain name, else the first that can solve the text. */
  public static Optional<Domain> recognise(Problem problem) {
    Optional<Domain> named = ALL.stream().filter(d -> d.name().equals(problem.domain())).findFirst();
    if (named.isPresent()) {
      return named;
    }
    return ALL.stream().filter(d -> d.solve(problem.question()).isPresent()).findFirst();
  }

  /**
   * The verdict on {@code answer} (an extracted final answer) for {@code problem}: its domain's
   * verifier when a domain recognises it, else math equivalence with the ground truth. An empty
   * answer is incorrect.
   */
  public static Verdict grade(Problem problem, String answer) {
    if (answer.isEmpty()) {
      return Verdict.INCORRECT;
    }
    return recognise(problem)
        .map(domain -> domain.verify(answer, problem))
        .orElseGet(() -> MathVerifier.verify(answer, problem.groundTruth()));
  }

  /**
   * The form {@code answer} is counted by for {@code problem} (majority votes, most frequent wrong
   * answers): for lock, the button sequence written {@code A -> B} whatever the separators; else
   * {@link MathVerifier#normalForm}. Equal forms are the same answer to the domain's verifier.
   */
  public static String normalForm(Problem problem, String answer) {
    if (recognise(problem).filter(d -> d instanceof LockDomain).isPresent()) {
      // the separators LockDomain reads: arrows (-> or Unicode), commas and spaces
      String[] presses = answer.replace("\u2192", " ").replace("->", " ").replace(",", " ").trim().split("\\s+");
      return String.join(" -> ", presses);
    }
    return MathVerifier.normalForm(answer);
  }
}

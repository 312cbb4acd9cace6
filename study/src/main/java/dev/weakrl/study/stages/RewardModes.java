package dev.weakrl.study.stages;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.verify.Answers;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.train.GrpoObjective;
import dev.weakrl.models.train.MajorityVote;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The RLVR reward functions, one per weak-supervision setting. Each also reports the true accuracy
 * of every response against the real label, whatever it is paid for.
 *
 * <ul>
 *   <li>{@code verifiable}: the domain's verifier against the ground truth;
 *   <li>{@code noisy}: the same against the training labels, of which a fraction is corrupted (a
 *       corrupted label is the one answer accepted, whatever the domain's verifier would say);
 *   <li>{@code majority}: 1 when the answer's normal form ({@link Domains#normalForm}) equals the
 *       majority vote over the normal forms of all sampled responses;
 *   <li>{@code self-certainty}: the response's self-certainty itself;
 *   <li>{@code random}: 0 unless the response holds exactly one {@code \boxed{}}, else
 *       Bernoulli(0.5), drawn from (seed, prompt, index, response) so reruns agree;
 *   <li>{@code format}: 1 when the response has a boxed answer;
 *   <li>{@code thinking-format}: the authors' rule-based thinking format, 0 unless the response opens and closes a
 *       think block ({@code <think>} … {@code </think>}) and holds exactly one {@code \boxed{}} after its close,
 *       else the verifier's reward for that answer against the ground truth.
 * </ul>
 */
public final class RewardModes {
  public static final List<String> MODES = List.of("verifiable", "noisy", "majority", "self-certainty", "random",
      "format", "thinking-format");

  private RewardModes() {}

  /**
   * @param labels the labels training sees (noisy for {@code noisy}), index-aligned with {@code truth}
   * @param truth the real problems
   */
  public static GrpoObjective.RewardFunction create(String mode, Domain domain, List<Problem> labels,
      List<Problem> truth, Tokenizer tokenizer, int group, long seed) {
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("--reward must be one of " + MODES + ", got '" + mode + "'");
    }
    return (prompt, responses, selfCertainty) -> {
      Problem problem = truth.get(prompt);
      List<String> texts = responses.stream().map(r -> ChatFormat.decode(tokenizer, r)).toList();
      List<Optional<String>> answers = texts.stream().map(Answers::lastBoxed).toList();
      double[] reward = new double[group];
      double[] correct = new double[group];
      // TTRL votes over normal forms: 1/2, 0.5 and \frac{1}{2} are one answer
      List<Optional<String>> forms = !mode.equals("majority") ? List.of() : answers.stream()
          .map(a -> a.filter(x -> !x.isBlank()).map(x -> Domains.normalForm(problem, x))).toList();
      Optional<String> vote = MajorityVote.pseudoLabel(forms);
      for (int i = 0; i < group; i++) {
        Optional<String> answer = answers.get(i);
        correct[i] = graded(answer, problem);
        reward[i] = switch (mode) {
          case "verifiable" -> correct[i];
          case "noisy" -> graded(answer, labels.get(prompt)); // every domain's verifier honours the label
          case "majority" -> vote.isPresent() && forms.get(i).equals(vote) ? 1 : 0;
          case "self-certainty" -> selfCertainty[i];
          case "random" -> boxes(texts.get(i)) == 1 ? coin(seed, prompt, i, responses.get(i)) : 0;
          case "thinking-format" -> answerAfterThinking(texts.get(i)).map(a -> graded(Optional.of(a), problem))
              .orElse(0.0);
          default -> answer.isPresent() ? 1 : 0; // format
        };
      }
      return new GrpoObjective.Rewards(reward, correct);
    };
  }

  /** How many {@code \boxed{}} the text holds: the authors' random reward needs exactly one. */
  private static int boxes(String text) {
    int count = 0;
    for (int at = text.indexOf("\\boxed{"); at >= 0; at = text.indexOf("\\boxed{", at + 1)) {
      count++;
    }
    return count;
  }

  /** The one boxed answer after a closed think block, or empty when the response is not in the thinking format. */
  private static Optional<String> answerAfterThinking(String text) {
    int open = text.indexOf("<think>");
    int close = open < 0 ? -1 : text.indexOf("</think>", open);
    if (close < 0) {
      return Optional.empty();
    }
    String after = text.substring(close + "</think>".length());
    return boxes(after) == 1 ? Answers.lastBoxed(after) : Optional.empty();
  }

  private static double graded(Optional<String> answer, Problem p) {
    return Domains.grade(p, answer.orElse("")).reward();
  }

  private static double coin(long seed, int prompt, int index, int[] response) {
    long h = new SplittableRandom(seed ^ (961L * prompt + 31L * index + Arrays.hashCode(response))).nextLong();
    return (h & 1) == 0 ? 0 : 1;
  }
}

package dev.weakrl.transforms.stages;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.verify.Answers;
import dev.weakrl.datasets.verify.MathVerifier;
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
 *   <li>{@code noisy}: the same against the training labels, of which a fraction is corrupted;
 *   <li>{@code majority}: 1 when the answer equals the majority vote of all sampled responses;
 *   <li>{@code self-certainty}: the response's self-certainty itself;
 *   <li>{@code random}: Bernoulli(0.5), drawn from (seed, prompt, index, response) so reruns agree;
 *   <li>{@code format}: 1 when the response has a boxed answer.
 * </ul>
 */
public final class RewardModes {
  public static final List<String> MODES = List.of("verifiable", "noisy", "majority", "self-certainty", "random",
      "format");

  private RewardModes() {}

  /**
   * @param labels the labels training sees (noisy for {@code noisy}), index-aligned with {@code truth}
   * @param truth the real problems
   */
  public static GrpoObjective.RewardFunction create(String mode, Domain domain, List<Problem> labels,
      List<Problem> truth, Tokenizer tokenizer, int groupSize, long seed) {
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("--reward must be one of " + MODES + ", got '" + mode + "'");
    }
    return (prompt, responses, selfCertainty) -> {
      List<Optional<String>> answers = responses.stream()
          .map(r -> Answers.lastBoxed(ChatFormat.decode(tokenizer, r))).toList();
      double[] reward = new double[groupSize];
      double[] correct = new double[groupSize];
      Optional<String> vote = mode.equals("majority") ? MajorityVote.pseudoLabel(answers) : Optional.empty();
      for (int i = 0; i < groupSize; i++) {
        Optional<String> answer = answers.get(i);
        correct[i] = graded(answer, truth.get(prompt));
        reward[i] = switch (mode) {
          case "verifiable" -> correct[i];
          case "noisy" -> graded(answer, labels.get(prompt));
          case "majority" -> answer.isPresent() && vote.isPresent()
              && MathVerifier.judge(answer.get(), vote.get()).isCorrect() ? 1 : 0;
          case "self-certainty" -> selfCertainty[i];
          case "random" -> coin(seed, prompt, i, responses.get(i));
          default -> answer.isPresent() ? 1 : 0; // format
        };
      }
      return new GrpoObjective.Rewards(reward, correct);
    };
  }

  private static double graded(Optional<String> answer, Problem p) {
    return Domains.grade(p, answer.orElse("")).reward();
  }

  private static double coin(long seed, int prompt, int index, int[] response) {
    long h = new SplittableRandom(seed ^ (961L * prompt + 31L * index + Arrays.hashCode(response))).nextLong();
    return (h & 1) == 0 ? 0 : 1;
  }
}

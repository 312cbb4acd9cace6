package dev.weakrl.transforms.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.train.GrpoObjective;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewardModesTest {
  final Tokenizer tokenizer = Embedded.tokenizer();
  final List<Problem> truth = List.of(Problem.of("p", "arith", 1, "Compute: 2+3", "5", null));
  final List<Problem> noisyLabels = List.of(truth.get(0).withGroundTruth("6"));
  /** Answers 5, 6, 6, none; the first two are the update group. */
  final List<int[]> responses = List.of(ChatFormat.response(tokenizer, "\\boxed{5}"),
      ChatFormat.response(tokenizer, "\\boxed{6}"), ChatFormat.response(tokenizer, "so \\boxed{6}"),
      ChatFormat.response(tokenizer, "no idea"));

  GrpoObjective.Rewards score(String mode) {
    return RewardModes.create(mode, Domains.get("arith"), noisyLabels, truth, tokenizer, 2, 1)
        .score(0, responses, new float[] {0.25f, 0.5f});
  }

  @Test
  void everyModeReportsTrueAccuracy() {
    for (String mode : RewardModes.MODES) {
      assertArrayEquals(new double[] {1, 0}, score(mode).trueAccuracy(), mode);
    }
  }

  @Test
  void rewardsFollowTheirMode() {
    assertArrayEquals(new double[] {1, 0}, score("verifiable").reward());
    assertArrayEquals(new double[] {0, 1}, score("noisy").reward()); // the corrupted label says 6
    assertArrayEquals(new double[] {0, 1}, score("majority").reward()); // 6 wins the vote of all four
    assertArrayEquals(new double[] {0.25, 0.5}, score("self-certainty").reward());
    assertArrayEquals(new double[] {1, 1}, score("format").reward());
  }

  @Test
  void randomRewardsAreCoinsThatRerunsRepeat() {
    double[] first = score("random").reward();
    assertArrayEquals(first, score("random").reward());
    for (double r : first) {
      org.junit.jupiter.api.Assertions.assertTrue(r == 0 || r == 1);
    }
  }

  @Test
  void unknownModeNamesTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RewardModes.create("oracle", Domains.get("arith"), truth, truth, tokenizer, 2, 1));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("--reward"));
  }
}

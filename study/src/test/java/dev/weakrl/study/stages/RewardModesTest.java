package dev.weakrl.study.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.models.tokenizer.ChatFormat;
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
    assertArrayEquals(new double[] {0, 0}, score("thinking-format").reward()); // no think block
  }

  @Test
  void randomRewardsAreCoinsThatRerunsRepeat() {
    double[] first = score("random").reward();
    assertArrayEquals(first, score("random").reward());
    for (double r : first) {
      org.junit.jupiter.api.Assertions.assertTrue(r == 0 || r == 1);
    }
  }

  GrpoObjective.Rewards score(String mode, Problem truth, Problem label, long seed, String... texts) {
    List<int[]> group = java.util.Arrays.stream(texts).map(t -> ChatFormat.response(tokenizer, t)).toList();
    return RewardModes.create(mode, Domains.get(truth.domain()), List.of(label), List.of(truth), tokenizer,
        texts.length, seed).score(0, group, new float[texts.length]);
  }

  @Test
  void majorityVotesOverNormalForms() {
    Problem half = Problem.of("h", "arith", 1, "Compute: 1/2", "1/2", null);
    GrpoObjective.Rewards r = score("majority", half, half, 1,
        "\\boxed{1/2}", "\\boxed{0.5}", "\\boxed{\\frac{1}{2}}", "\\boxed{3}", "\\boxed{3}");
    assertArrayEquals(new double[] {1, 1, 1, 0, 0}, r.reward()); // 1/2 wins three to two
  }

  @Test
  void randomRewardsNeedExactlyOneBox() {
    boolean paid = false;
    boolean unpaid = false;
    for (long seed = 0; seed < 32; seed++) {
      double[] r = score("random", truth.get(0), truth.get(0), seed,
          "no idea", "\\boxed{5} or \\boxed{6}", "so \\boxed{5}").reward();
      assertEquals(0, r[0], "no box, seed " + seed);
      assertEquals(0, r[1], "two boxes, seed " + seed);
      paid |= r[2] == 1;
      unpaid |= r[2] == 0;
    }
    assertTrue(paid && unpaid, "one box: a fair coin");
  }

  @Test
  void thinkingFormatPaysOnlyOneBoxAfterAClosedThinkBlock() {
    GrpoObjective.Rewards r = score("thinking-format", truth.get(0), truth.get(0), 1,
        "<think>2+3 = 5</think>\\boxed{5}", // right
        "<think>2+3 = 6</think>\\boxed{6}", // wrong
        "<think>2+3 = 5 so \\boxed{5}", // think never closed
        "<think>2+3 = 5</think>\\boxed{5} or \\boxed{6}", // two boxes after it
        "<think>so \\boxed{5}</think>the answer is five", // the box is inside the think block only
        "2+3 = 5</think>\\boxed{5}", // never opened
        "\\boxed{5}", // no think block
        "<think>maybe \\boxed{6}</think>\\boxed{5}"); // a box inside does not count, the one after does
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 0, 1}, r.reward());
    assertArrayEquals(new double[] {1, 0, 1, 0, 1, 1, 1, 1}, r.trueAccuracy(), "true accuracy ignores the format");
  }

  @Test
  void aNoisyLockLabelIsTheOneAnswerPaid() {
    Problem lock = Problem.of("l", "lock", 1, """
        Press the shortest correct sequence of buttons to reach the target value.
        Start: 0 (red)
        Target: 2
        Buttons:
        A: Add 1 (when any)
        B: Add 1 (when any)
        C: Multiply 2 (when any)""", "A -> A", null);
    GrpoObjective.Rewards r = score("noisy", lock, lock.withGroundTruth("C -> C"), 1,
        "\\boxed{C->C}", "\\boxed{A -> B}", "\\boxed{A}");
    assertArrayEquals(new double[] {1, 0, 0}, r.reward()); // lock's verifier would pay A -> B
    assertArrayEquals(new double[] {0, 1, 0}, r.trueAccuracy());
    assertArrayEquals(new double[] {0, 1, 0}, score("noisy", lock, lock, 1,
        "\\boxed{C->C}", "\\boxed{A -> B}", "\\boxed{A}").reward());
  }

  @Test
  void unknownModeNamesTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RewardModes.create("oracle", Domains.get("arith"), truth, truth, tokenizer, 2, 1));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("--reward"));
  }
}

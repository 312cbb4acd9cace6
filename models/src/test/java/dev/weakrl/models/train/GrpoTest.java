package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GrpoTest {
  @Test
  void advantagesAreGroupNormalised() {
    // group 1: mean 0.5, unbiased std sqrt(1/3); group 2 is flat and carries no signal
    double[] a = Grpo.advantages(new double[] {1, 0, 0, 1, 1, 1, 1, 1}, 4, true);
    double z = 0.5 / Math.sqrt(1.0 / 3);
    assertArrayEquals(new double[] {z, -z, -z, z, 0, 0, 0, 0}, a, 1e-5);
  }

  @Test
  void advantagesWithoutStdDivisionAreCentredRewards() {
    assertArrayEquals(new double[] {0.75, -0.25, -0.25, -0.25},
        Grpo.advantages(new double[] {1, 0, 0, 0}, 4, false), 1e-12);
  }

  @Test
  void surrogateClipsTheRatioOnTheSideTheAdvantagePushes() {
    try (NDManager m = NDManager.newBaseManager()) {
      // ratios 1.5, 1.5, 0.5, 0.5 against advantages +1, −1, +1, −1
      NDArray logp = m.create(new float[] {(float) Math.log(1.5), (float) Math.log(1.5), (float) Math.log(0.5),
          (float) Math.log(0.5)}, new Shape(4, 1));
      NDArray old = m.zeros(new Shape(4, 1));
      NDArray adv = m.create(new float[] {1, -1, 1, -1}, new Shape(4, 1));
      // −min(ρA, clip(ρ)A): −min(1.5, 1.2), −min(−1.5, −1.2), −min(0.5, 0.8), −min(−0.5, −0.8)
      assertArrayEquals(new float[] {-1.2f, 1.5f, -0.5f, 0.8f},
          Grpo.clippedSurrogate(logp, old, adv, 0.2).toFloatArray(), 1e-5f);
      assertArrayEquals(new float[] {1, 0, 0, 1}, Grpo.clipped(logp, old, adv, 0.2).toFloatArray());
    }
  }

  @Test
  void k3EstimatorMatchesItsFormula() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logp = m.create(new float[] {(float) Math.log(0.5), (float) Math.log(0.3)});
      NDArray ref = m.create(new float[] {(float) Math.log(0.25), (float) Math.log(0.3)});
      // ref − logp = ln 0.5: 0.5 − ln 0.5 − 1 = 0.19315; equal policies: 0
      assertArrayEquals(new float[] {0.193147f, 0f}, Grpo.klK3(logp, ref).toFloatArray(), 1e-5f);
    }
  }

  @Test
  void tokenMeanCountsOnlyMaskedTokens() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1, 2, 100, 4}, new Shape(2, 2));
      NDArray mask = m.create(new float[] {1, 1, 0, 1}, new Shape(2, 2));
      assertEquals(7f / 3, Grpo.tokenMean(x, mask, 3).getFloat(), 1e-6f);
    }
  }

  @Test
  void promptOrderIsAPermutationPerEpochAndRepeatsASmallSet() {
    // 8 prompts, 8 per step: every step sees every problem once, in a fresh order each epoch
    for (long step = 0; step < 5; step++) {
      int[] chosen = Grpo.promptOrder(1, 8, step, 8);
      assertEquals(8, java.util.Arrays.stream(chosen).distinct().count(), "step " + step);
    }
    assertFalse(java.util.Arrays.equals(Grpo.promptOrder(1, 8, 0, 8), Grpo.promptOrder(1, 8, 1, 8)));
    // 4 prompts, 8 per step: each problem twice
    int[] twice = Grpo.promptOrder(1, 4, 3, 8);
    for (int p = 0; p < 4; p++) {
      final int q = p;
      assertEquals(2, java.util.Arrays.stream(twice).filter(x -> x == q).count());
    }
    // 100 prompts, 8 per step: no problem twice within an epoch (12 steps = 96 draws)
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (long step = 0; step < 12; step++) {
      for (int x : Grpo.promptOrder(5, 100, step, 8)) {
        assertTrue(seen.add(x), "repeated " + x + " at step " + step);
      }
    }
    assertArrayEquals(Grpo.promptOrder(5, 100, 7, 8), Grpo.promptOrder(5, 100, 7, 8), "pure in (seed, step)");
  }
}

package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

package dev.weakrl.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weakrl.models.nn.NoGradient;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
  /** Draws n tokens from one row of logits, each at a fresh uniform. */
  static int[] counts(float[] row, double temperature, double topP, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] counts = new int[row.length];
    float[] rows = new float[n * row.length];
    double[] uniforms = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(row, 0, rows, i * row.length, row.length);
      uniforms[i] = random.nextDouble();
    }
    try (NoGradient noGradient = NoGradient.open(); NDManager m = NDManager.newBaseManager()) {
      for (int token : Sampler.next(m.create(rows, new Shape(n, row.length)), temperature, topP, uniforms)) {
        counts[token]++;
      }
    }
    return counts;
  }

  @Test
  void greedyPicksEachRowsLargestLogit() {
    try (NoGradient noGradient = NoGradient.open(); NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {0f, 9f, 3f, 1f, 2f, 8f}, new Shape(2, 3));
      assertArrayEquals(new int[] {1, 2}, Sampler.next(logits, 0, 1, new double[2]));
    }
  }

  @Test
  void samplingFollowsTheSoftmax() {
    int[] counts = counts(new float[] {0f, (float) Math.log(3)}, 1.0, 1.0, 20000, 42); // p = (0.25, 0.75)
    assertEquals(0.75, counts[1] / 20000.0, 0.015);
  }

  @Test
  void temperatureFlattensTheDistribution() {
    // At temperature 2 the logits (0, ln 9) give p = (1, 3) / 4.
    int[] counts = counts(new float[] {0f, (float) Math.log(9)}, 2.0, 1.0, 20000, 5);
    assertEquals(0.75, counts[1] / 20000.0, 0.015);
  }

  @Test
  void topPKeepsOnlyTheNucleus() {
    float[] logits = {(float) Math.log(0.15), (float) Math.log(0.5), (float) Math.log(0.05), (float) Math.log(0.3)};
    int[] counts = counts(logits, 1.0, 0.75, 10000, 7);
    // 0.5 + 0.3 is the smallest most-likely set reaching 0.75: tokens 0 and 2 are never drawn; 1 and 3 keep their 5:3 ratio.
    assertEquals(0, counts[0] + counts[2]);
    assertEquals(5.0 / 8, counts[1] / 10000.0, 0.02);
  }

  @Test
  void theExtremeUniformsStayOnTokensWithMass() {
    try (NoGradient noGradient = NoGradient.open(); NDManager m = NDManager.newBaseManager()) {
      // Token 0 and the last token have no mass: neither u = 0 nor u just below 1 may pick them.
      float inf = Float.NEGATIVE_INFINITY;
      NDArray logits = m.create(new float[] {inf, 0.1f, 0f, inf, inf, 0.1f, 0f, inf}, new Shape(2, 4));
      assertArrayEquals(new int[] {1, 2}, Sampler.next(logits, 1.0, 1.0, new double[] {0.0, Math.nextDown(1.0)}));
      assertArrayEquals(new int[] {1, 2}, Sampler.next(logits, 1.0, 0.9, new double[] {0.0, Math.nextDown(1.0)}));
    }
  }
}

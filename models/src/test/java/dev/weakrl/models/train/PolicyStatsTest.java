package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PolicyStatsTest {
  /** Row 0: a uniform token, then a masked-out one; row 1: p = (0.5, 0.25, 0.25) twice. */
  static NDArray logProbs(NDManager m) {
    float u = (float) Math.log(1.0 / 3);
    float[] peaked = {(float) Math.log(0.5), (float) Math.log(0.25), (float) Math.log(0.25)};
    float[] values = new float[12];
    float[] rows = {u, u, u, 0, -50, -50, peaked[0], peaked[1], peaked[2], peaked[0], peaked[1], peaked[2]};
    System.arraycopy(rows, 0, values, 0, 12);
    return m.create(values, new Shape(2, 2, 3));
  }

  @Test
  void selfCertaintyIsKlFromUniform() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray mask = m.create(new float[] {1, 0, 1, 1}, new Shape(2, 2));
      // KL(U‖p) = −ln 3 − (ln 0.5 + 2 ln 0.25) / 3 = 0.0566; uniform: 0
      assertArrayEquals(new float[] {0f, 0.056633f}, PolicyStats.selfCertainty(logProbs(m), mask), 1e-5f);
    }
  }

  @Test
  void entropyIsMeanOverMaskedTokens() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray mask = m.create(new float[] {1, 0, 1, 1}, new Shape(2, 2));
      // ln 3 = 1.0986; −(0.5 ln 0.5 + 0.5 ln 0.25) = 1.0397
      assertArrayEquals(new float[] {1.098612f, 1.039721f}, PolicyStats.entropy(logProbs(m), mask), 1e-5f);
    }
  }
}

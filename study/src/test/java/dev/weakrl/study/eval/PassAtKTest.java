package dev.weakrl.study.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PassAtKTest {
  @Test
  void matchesHandComputedBinomialRatios() {
    assertEquals(0.25, PassAtK.estimate(4, 1, 1), 1e-12);
    assertEquals(1 - 3.0 / 6, PassAtK.estimate(4, 1, 2), 1e-12); // 1 − C(3,2)/C(4,2)
    assertEquals(1 - 1001.0 / 1820, PassAtK.estimate(16, 2, 4), 1e-12); // 1 − C(14,4)/C(16,4)
    assertEquals(1 - 3003.0 / 12870, PassAtK.estimate(16, 2, 8), 1e-12); // 1 − C(14,8)/C(16,8)
  }

  @Test
  void passAtOneIsTheFractionCorrect() {
    assertEquals(5.0 / 16, PassAtK.estimate(16, 5, 1), 1e-12);
  }

  @Test
  void edgesAreZeroAndOne() {
    assertEquals(0.0, PassAtK.estimate(16, 0, 16), 0);
    assertEquals(1.0, PassAtK.estimate(16, 1, 16), 0);
    assertEquals(1.0, PassAtK.estimate(16, 13, 4), 0); // fewer than k wrong samples
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(4, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(4, 1, 8));
  }
}

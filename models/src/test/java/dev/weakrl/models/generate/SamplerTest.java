package dev.weakrl.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
  @Test
  void greedyPicksTheLargestLogit() {
    float[] logits = {0f, 9f, 3f, 1f, 2f, 8f};
    assertEquals(1, Sampler.sample(logits, 0, 3, 0, 1, new SplittableRandom(1)));
    assertEquals(2, Sampler.sample(logits, 3, 3, 0, 1, new SplittableRandom(1)));
  }

  @Test
  void samplingFollowsTheSoftmax() {
    float[] logits = {0f, (float) Math.log(3)}; // p = (0.25, 0.75)
    SplittableRandom random = new SplittableRandom(42);
    int ones = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      ones += Sampler.sample(logits, 0, 2, 1.0, 1.0, random);
    }
    assertEquals(0.75, ones / (double) n, 0.015);
  }

  @Test
  void topPKeepsOnlyTheNucleus() {
    float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.15), (float) Math.log(0.05)};
    SplittableRandom random = new SplittableRandom(7);
    int[] counts = new int[4];
    for (int i = 0; i < 10000; i++) {
      counts[Sampler.sample(logits, 0, 4, 1.0, 0.8, random)]++;
    }
    // 0.5 + 0.3 reaches 0.8: tokens 2 and 3 are never drawn; 0 and 1 keep their 5:3 ratio.
    assertEquals(0, counts[2] + counts[3]);
    assertEquals(5.0 / 8, counts[0] / 10000.0, 0.02);
  }

  @Test
  void softmaxAppliesTheTemperature() {
    float[] logits = {9f, 1f, 2f, 3f};
    double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    double[] p = Sampler.softmax(logits, 1, 3, 1.0);
    assertEquals(Math.exp(2) / z, p[1], 1e-12);
    double z2 = Math.exp(0.5) + Math.exp(1) + Math.exp(1.5);
    assertEquals(Math.exp(1.5) / z2, Sampler.softmax(logits, 1, 3, 2.0)[2], 1e-12);
    assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
  }
}

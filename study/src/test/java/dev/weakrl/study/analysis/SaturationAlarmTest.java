package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class SaturationAlarmTest {
  /** The step the alarm fires on over {@code steps} steps of {@code reward}, or -1. */
  static long firesAt(int steps, LongToDoubleFunction reward, SaturationAlarm alarm) {
    for (long t = 0; t < steps; t++) {
      if (alarm.observe(t, reward.applyAsDouble(t))) {
        return t;
      }
    }
    return -1;
  }

  @Test
  void aRewardThatPlateausEarlyFiresOnceNamingItsSaturationStep() {
    SaturationAlarm alarm = SaturationAlarm.defaults();
    LongToDoubleFunction reward = t -> Math.min(1.0, 0.2 + 0.04 * t); // 1.0 from step 20 on
    long fired = firesAt(200, reward, alarm);
    assertTrue(fired >= 20 && fired < 50, "fired at " + fired);
    // The step it names is the offline t_sat of the whole 200-step curve.
    List<StepSeries.Point> curve = new ArrayList<>();
    for (long t = 0; t < 200; t++) {
      curve.add(new StepSeries.Point(t, reward.applyAsDouble(t)));
    }
    SaturationPoint offline = Saturation.saturation(Saturation.smooth(new StepSeries(curve), Saturation.DEFAULT_SMOOTH),
        Saturation.DEFAULT_EPSILON, 0, Saturation.DEFAULT_RAPID_BELOW);
    assertEquals(offline.saturationStep().orElseThrow(), alarm.rapidSaturationStep().orElseThrow());
    assertEquals(1.0, alarm.maxReward(), 1e-12);
    for (long t = 200; t < 250; t++) {
      assertFalse(alarm.observe(t, 1.0), "it fires once per run");
    }
  }

  @Test
  void aSteadyClimbDoesNotFire() {
    assertEquals(-1, firesAt(200, t -> 0.2 + 0.0035 * t, SaturationAlarm.defaults()));
  }

  @Test
  void aPlateauAfterTheRapidWindowDoesNotFire() {
    SaturationAlarm alarm = SaturationAlarm.defaults();
    assertEquals(-1, firesAt(300, t -> Math.min(0.9, 0.1 + 0.005 * t), alarm)); // plateau from step 160
    assertTrue(alarm.saturationStep().orElseThrow() >= 160);
  }

  @Test
  void noiseOnAFlatRewardDoesNotHideAnEarlyPlateau() {
    Random random = new Random(3);
    long fired = firesAt(200, t -> Math.min(0.8, 0.1 + 0.05 * t) + 0.05 * (random.nextDouble() - 0.5),
        SaturationAlarm.defaults());
    assertTrue(fired > 0 && fired < 100, "fired at " + fired);
  }
}

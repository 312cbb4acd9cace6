package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
  final LrSchedule schedule = new LrSchedule(1e-3, 4, 14, 1e-4);

  @Test
  void warmsUpLinearlyToThePeak() {
    assertEquals(2.5e-4, schedule.at(0), 1e-12);
    assertEquals(5e-4, schedule.at(1), 1e-12);
    assertEquals(1e-3, schedule.at(3), 1e-12);
  }

  @Test
  void decaysByCosineToTheFloor() {
    assertEquals(1e-3, schedule.at(4), 1e-12); // cosine starts at the peak
    assertEquals(5.5e-4, schedule.at(9), 1e-12); // half way: (peak + floor) / 2
    assertEquals(1e-4, schedule.at(14), 1e-12);
    assertEquals(1e-4, schedule.at(100), 1e-12);
  }

  @Test
  void constantIsFlat() {
    LrSchedule c = LrSchedule.constant(1e-5, 10);
    assertEquals(1e-5, c.at(0), 0);
    assertEquals(1e-5, c.at(7), 0);
  }

  @Test
  void rejectsAFloorAboveThePeak() {
    assertThrows(IllegalArgumentException.class, () -> new LrSchedule(1e-4, 0, 10, 1e-3));
  }
}

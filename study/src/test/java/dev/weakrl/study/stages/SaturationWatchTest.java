package dev.weakrl.study.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.study.analysis.SaturationAlarm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RLVR's saturation alarm on a synthetic reward curve that saturates at step 20 of 200. */
class SaturationWatchTest {
  /** The step after which the run ends (the last one when it runs out), and what it logged. */
  static long run(RlvrStage.Options o, List<String> log) {
    SaturationAlarm alarm = SaturationAlarm.defaults();
    for (long t = 0; t < o.steps(); t++) {
      Map<String, Double> row = new LinkedHashMap<>(Map.of("step", (double) t, "reward_mean",
          Math.min(1.0, 0.2 + 0.04 * t)));
      boolean go = RlvrStage.watch(alarm, row, o, log::add);
      assertTrue(row.containsKey("reward_smoothed") && row.containsKey("reward_max"), row.toString());
      if (!go) {
        return t;
      }
    }
    return o.steps() - 1;
  }

  @Test
  void warnsOnceAndStopsOnlyWhenAsked() {
    List<String> log = new ArrayList<>();
    RlvrStage.Options o = RlvrStage.Options.defaults().with("steps", 200);
    assertEquals(199, run(o, log));
    assertEquals(1, log.size(), log.toString());
    assertTrue(log.get(0).contains("reward saturated at step 28 of 200"), log.get(0));

    List<String> stopped = new ArrayList<>();
    long end = run(o.with("stopOnRapidSaturation", true), stopped);
    assertTrue(end < 50 && stopped.get(0).contains("stopping (--stopOnRapidSaturation)"), end + " " + stopped);
  }
}

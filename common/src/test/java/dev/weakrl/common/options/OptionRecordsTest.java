package dev.weakrl.common.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionRecordsTest {
  record Settings(
      @Option(defaultValue = "arith", help = "domain") String domain,
      @Option(defaultValue = "1_000", help = "steps") int steps,
      @Option(defaultValue = "1e-3", help = "learning rate") double lr,
      @Option(defaultValue = "7", help = "seed") long seed,
      @Option(defaultValue = "false", help = "a switch") boolean fast) {
    Settings {
      if (steps < 1) {
        throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
      }
    }
  }

  @Test
  void defaultsComeFromTheDeclaration() {
    assertEquals(new Settings("arith", 1000, 1e-3, 7, false), OptionRecords.defaults(Settings.class));
    assertEquals("learning rate", OptionRecords.declared(Settings.class).get(2).help());
  }

  @Test
  void copiesChangeNamedValuesGivenAsTextOrTyped() {
    Settings d = OptionRecords.defaults(Settings.class);
    assertEquals(new Settings("units", 5, 2.0, 9, true),
        OptionRecords.with(d, Map.of("domain", "units", "steps", "5", "lr", 2, "seed", 9, "fast", "true")));
  }

  @Test
  void errorsNameTheOptionAndWhatItExpects() {
    Settings d = OptionRecords.defaults(Settings.class);
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
        () -> OptionRecords.with(d, Map.of("step", 3), "sft."));
    assertEquals("unknown option --sft.step; did you mean --sft.steps?", typo.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> OptionRecords.with(d, Map.of("steps", "many")));
    assertEquals("option --steps expects an integer, got 'many'", type.getMessage());
    IllegalArgumentException bool = assertThrows(IllegalArgumentException.class,
        () -> OptionRecords.with(d, Map.of("fast", "yes")));
    assertTrue(bool.getMessage().contains("true or false"), bool.getMessage());
    IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
        () -> OptionRecords.with(d, Map.of("steps", 0)));
    assertEquals("--steps must be >= 1, got 0", invalid.getMessage());
  }

  record Ranged(
      @Option(defaultValue = "0.4", min = 0, max = 1, help = "a fraction") double noise,
      @Option(defaultValue = "8", min = 2, help = "group size") int group,
      @Option(defaultValue = "1e-3", min = 0, minExclusive = true, help = "learning rate") double lr) {}

  @Test
  void rangesDeclaredWithTheOptionAreCheckedWheneverARecordIsBuilt() {
    Ranged d = OptionRecords.defaults(Ranged.class);
    assertEquals("option --rlvr.noise must be in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> OptionRecords.with(d, Map.of("noise", "1.5"), "rlvr."))
            .getMessage());
    assertEquals("option --group must be >= 2, got 1",
        assertThrows(IllegalArgumentException.class, () -> OptionRecords.with(d, Map.of("group", 1))).getMessage());
    assertEquals("option --lr must be > 0, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> OptionRecords.with(d, Map.of("lr", "0"))).getMessage());
    assertEquals(new Ranged(1.0, 2, 1e-9), OptionRecords.with(d, Map.of("noise", 1, "group", 2, "lr", 1e-9)));
    assertEquals("in [0, 1]", OptionRecords.declared(Ranged.class).get(0).range());
    assertEquals("", OptionRecords.declared(Settings.class).get(0).range());
  }

  @Test
  void suggestsOnlyNearNames() {
    assertEquals("lr", Names.closest("lrr", java.util.List.of("lr", "steps")).orElseThrow());
    assertTrue(Names.closest("banana", java.util.List.of("lr", "steps")).isEmpty());
  }
}

package dev.weakrl.datasets.weak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.domain.Levels;
import dev.weakrl.datasets.split.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakVariantTest {
  static final List<Problem> PROBLEMS = Domains.get("arith").generate(Split.TRAIN, 20, 1, 0);

  @Test
  void parsesAndNamesEveryKind() {
    List<WeakVariant> variants = WeakVariant.parseAll("full,scarce-8,noisy-0.2,proxy");
    assertEquals(List.of("full", "scarce-8", "noisy-0.2", "proxy"), variants.stream().map(WeakVariant::name).toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeakVariant.parse("scarce-x"));
    assertTrue(e.getMessage().contains("'scarce-x'"), e.getMessage());
  }

  @Test
  void buildsWithTheWeakSupervisionBuilders() {
    assertEquals(PROBLEMS, WeakVariant.parse("full").build(PROBLEMS, 64, 0));
    List<Problem> scarce = WeakVariant.parse("scarce-4").build(PROBLEMS, 12, 0);
    assertEquals(12, scarce.size());
    assertEquals(4, scarce.stream().map(Problem::id).distinct().count());
    List<Problem> noisy = WeakVariant.parse("noisy-0.25").build(PROBLEMS, 64, 0);
    assertEquals(5, noisy.stream().filter(p -> p.meta(WeakSupervision.NOISY).orElseThrow().equals("true")).count());
    assertTrue(WeakVariant.parse("proxy").build(PROBLEMS, 64, 0).stream().allMatch(p -> p.groundTruth().isEmpty()));
  }

  @Test
  void levelsParseRangesAndNameTheBadOne() {
    assertEquals(new Levels(1, 3), Levels.parse("1-3"));
    assertEquals(new Levels(2, 2), Levels.parse("2"));
    assertThrows(IllegalArgumentException.class, () -> Levels.parse("0-9"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Levels.parse("a"));
    assertTrue(e.getMessage().contains("'a'"), e.getMessage());
  }
}

package dev.weakrl.datasets.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SplitTest {
  @Test
  void aPromptsSideDependsOnItsCanonicalTextAlone() {
    assertEquals(Split.of("Compute: 1+2*3"), Split.of("  Compute:   1+2*3\n"));
    assertEquals("Compute: 1+2*3", Split.canonical(" Compute:\t1+2*3 "));
    // About a quarter of many prompts is held out.
    long heldOut = java.util.stream.IntStream.range(0, 20_000).filter(i -> Split.of("prompt " + i) == Split.HELD_OUT)
        .count();
    assertEquals(Split.HELD_OUT_FRACTION, heldOut / 20_000.0, 0.01);
  }

  @Test
  void generatedSetsAreDistinctAndOnTheirSideWhateverTheSeed() {
    for (Domain d : List.of(Domains.get("arith"), Domains.get("island"), Domains.get("units"))) {
      List<Problem> train = d.generate(Split.TRAIN, 300, 1, 1);
      List<Problem> heldOut = d.generate(Split.HELD_OUT, 100, 1, 1);
      Set<String> trainPrompts = train.stream().map(Split::canonical).collect(Collectors.toSet());
      assertEquals(300, trainPrompts.size(), d.name() + ": distinct prompts");
      assertTrue(train.stream().allMatch(Split.TRAIN::contains), d.name());
      assertTrue(heldOut.stream().allMatch(Split.HELD_OUT::contains), d.name());
      Set<String> both = new HashSet<>(trainPrompts);
      both.retainAll(heldOut.stream().map(Split::canonical).toList());
      assertTrue(both.isEmpty(), d.name() + ": same seed, disjoint sides");
      assertTrue(heldOut.get(0).id().contains("-h"), heldOut.get(0).id());
    }
  }

  @Test
  void anExhaustedLevelSaysAboutHowManyPromptsItHas() {
    // Level-1 arith has about 10.9k distinct prompts, a quarter of them held out.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Domains.get("arith").generate(Split.HELD_OUT, 5_000, 1, 1));
    assertTrue(e.getMessage().matches("arith level 1 has about 2\\d{3} distinct HELD_OUT prompts .*5000 were asked for"),
        e.getMessage());
  }
}

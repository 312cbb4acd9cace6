package dev.weakrl.study.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.split.Split;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CptStageTest {
  private final Domain arith = Domains.get("arith");

  static CptStage.Options withReplay(double replay) {
    return StageOptions.with(CptStage.Options.defaults(), Map.of("corpusChars", 100_000, "replay", replay));
  }

  @Test
  void replayIsItsShareOfTheCorpusAndOnlyTrainingSideProblems() {
    CptStage.Mix mix = CptStage.mix(arith, withReplay(0.8));
    int total = mix.documents().stream().mapToInt(String::length).sum();
    int domain = mix.documents().get(0).length();
    assertEquals(0.8, 1 - (double) domain / total, 0.01);
    assertTrue(mix.replayed().size() > 100, "replay carries base-corpus problems: " + mix.replayed().size());
    assertTrue(mix.replayed().stream().allMatch(Split.TRAIN::contains));
  }

  @Test
  void noReplayIsTheDomainCorpusAlone() {
    CptStage.Mix mix = CptStage.mix(arith, withReplay(0));
    assertEquals(1, mix.documents().size());
    assertTrue(mix.replayed().isEmpty());
  }

  @Test
  void aReplayOutsideItsRangeFailsNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withReplay(1.5));
    assertTrue(e.getMessage().contains("--replay") && e.getMessage().contains("[0, 1)"), e.getMessage());
  }
}

package dev.weakrl.study.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckpointKeyTest {
  @Test
  void stageModelsAndStepsAreNamedByTheirStage() {
    assertEquals("sft-0123456789", CheckpointKey.of("/runs/out/stages/sft-0123456789/model"));
    assertEquals("rlvr-abcdef0123-step-000025", CheckpointKey.of("gs://b/out/stages/rlvr-abcdef0123/steps/step-000025/"));
  }

  @Test
  void otherDirectoriesAreTheirNamePlusAPathHash() {
    String a = CheckpointKey.of("/tmp/a/model");
    String b = CheckpointKey.of("/tmp/b/model");
    assertTrue(a.matches("model-[0-9a-f]{8}"), a);
    assertNotEquals(a, b);
    assertEquals(a, CheckpointKey.of("/tmp/a/model/"));
  }
}

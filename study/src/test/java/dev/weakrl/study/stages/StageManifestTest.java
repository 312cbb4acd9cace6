package dev.weakrl.study.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageManifestTest {
  record Opts(int steps, double lr) {}

  @Test
  void keyDependsOnOptionsAndInputs() {
    String key = StageSpec.of("sft", new Opts(10, 0.1), List.of("abc")).key();
    assertEquals(key, StageSpec.of("sft", new Opts(10, 0.1), List.of("abc")).key());
    assertNotEquals(key, StageSpec.of("sft", new Opts(11, 0.1), List.of("abc")).key());
    assertNotEquals(key, StageSpec.of("sft", new Opts(10, 0.1), List.of("abd")).key());
    assertNotEquals(key, StageSpec.of("cpt", new Opts(10, 0.1), List.of("abc")).key());
  }

  @Test
  void twoThreadsAskingForOneStageRunItOnce(@TempDir Path out) throws Exception {
    StageSpec spec = StageSpec.of("demo", new Opts(2, 1), List.of());
    AtomicInteger runs = new AtomicInteger();
    StageManifest.Body body = dir -> {
      runs.incrementAndGet();
      Thread.sleep(200); // long enough for the other thread to arrive while this one runs
      return Map.of();
    };
    Thread other = new Thread(() -> StageManifest.runOnce(out.toString(), spec, List.of(), body, s -> {}));
    other.start();
    StageManifest.runOnce(out.toString(), spec, List.of(), body, s -> {});
    other.join();
    assertEquals(1, runs.get());
    assertTrue(StageManifest.isComplete(spec.dir(out.toString())));
  }

  @Test
  void aCompleteStageIsNotRerun(@TempDir Path out) {
    StageSpec spec = StageSpec.of("demo", new Opts(1, 1), List.of());
    int[] runs = {0};
    StageManifest.Body body = dir -> {
      runs[0]++;
      return Map.of("answer", 42.0);
    };
    String dir = StageManifest.runOnce(out.toString(), spec, List.of(), body, s -> {});
    assertEquals(dir, StageManifest.runOnce(out.toString(), spec, List.of(), body, s -> {}));
    assertEquals(1, runs[0]);
    assertTrue(dir.endsWith("stages/demo-" + spec.key()));
    assertEquals(42.0, StageManifest.read(dir).path("figures").path("answer").asDouble());
    assertEquals("1", StageManifest.read(dir).path("options").path("steps").asText());
    assertEquals(dir, StageManifest.latestComplete(out.toString(), "demo").orElseThrow());
  }
}

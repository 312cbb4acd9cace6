package dev.weakrl.study.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageLockTest {
  record Opts(int steps) {}

  /** A lock file as another process on this host (or another host) would have written it. */
  static void lockAs(Path dir, String host, ProcessHandle process) throws Exception {
    Files.createDirectories(dir);
    StageLock.Owner owner = new StageLock.Owner(host, process.pid(),
        process.info().startInstant().map(Instant::toString).orElse(""), "2026-01-01T00:00:00Z");
    Files.writeString(dir.resolve(StageLock.FILE), Json.write(Json.MAPPER.valueToTree(owner)));
  }

  static String thisHost() {
    return StageLock.Owner.current().host();
  }

  @Test
  void theLockNamesItsOwnerAndIsReleasedOnClose(@TempDir Path dir) throws Exception {
    Path lock = dir.resolve("stage").resolve(StageLock.FILE);
    try (StageLock held = StageLock.acquire(dir.resolve("stage").toString())) {
      JsonNode owner = Json.MAPPER.readTree(Files.readString(lock));
      assertEquals(ProcessHandle.current().pid(), owner.path("pid").asLong());
      assertFalse(owner.path("host").asText().isEmpty());
      try (StageLock again = StageLock.acquire(dir.resolve("stage").toString())) {
        assertTrue(Files.exists(lock), "re-entrant in this process");
      }
      assertTrue(Files.exists(lock), "the inner handle does not release the outer one's lock");
    }
    assertFalse(Files.exists(lock));
    try (var left = Files.list(lock.getParent())) {
      assertEquals(List.of(), left.toList(), "no temporary files left");
    }
  }

  @Test
  void aLiveOtherProcessKeepsTheLockAndADeadOneIsStale(@TempDir Path dir) throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      lockAs(dir, thisHost(), other.toHandle());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> StageLock.acquire(dir.toString()));
      assertTrue(e.getMessage().contains("pid " + other.pid()) && e.getMessage().contains(dir.toString()),
          e.getMessage());
    } finally {
      other.destroy();
      other.waitFor(10, TimeUnit.SECONDS);
    }
    try (StageLock taken = StageLock.acquire(dir.toString())) {
      assertEquals(ProcessHandle.current().pid(),
          Json.MAPPER.readTree(Files.readString(dir.resolve(StageLock.FILE))).path("pid").asLong(),
          "the stale lock was taken over");
    }
  }

  @Test
  void aLockFromAnotherHostIsNeverTakenOver(@TempDir Path dir) throws Exception {
    lockAs(dir, "some-other-host", ProcessHandle.current());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> StageLock.acquire(dir.toString()));
    assertTrue(e.getMessage().contains("host some-other-host"), e.getMessage());
  }

  @Test
  void aSecondRunOfALockedStageFailsWithoutRunningIt(@TempDir Path out) throws Exception {
    StageSpec spec = StageSpec.of("demo", new Opts(1), List.of());
    Path dir = Path.of(spec.dir(out.toString()));
    Process other = new ProcessBuilder("sleep", "60").start();
    AtomicInteger runs = new AtomicInteger();
    try {
      lockAs(dir, thisHost(), other.toHandle());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> StageManifest.runOnce(out.toString(),
          spec, List.of(), d -> Map.of("x", (double) runs.incrementAndGet()), s -> {}));
      assertTrue(e.getMessage().contains("being written by another run"), e.getMessage());
      assertEquals(0, runs.get());
      assertFalse(Files.exists(dir.resolve(StageManifest.FILE)));
    } finally {
      other.destroy();
      other.waitFor(10, TimeUnit.SECONDS);
    }
    StageManifest.runOnce(out.toString(), spec, List.of(), d -> Map.of("x", (double) runs.incrementAndGet()), s -> {});
    assertEquals(1, runs.get());
    assertFalse(Files.exists(dir.resolve(StageLock.FILE)), "released when the stage ends");
  }
}

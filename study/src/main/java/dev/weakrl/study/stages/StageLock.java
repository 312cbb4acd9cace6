package dev.weakrl.study.stages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per stage directory: an exclusive lock file {@code <dir>/.lock} holding the owner's
 * host, PID and process start time. Created atomically (a hard link to a fully written file, so
 * it is never seen half-written), deleted on {@link #close} and, for a process that exits without
 * closing, by a shutdown hook. A lock whose owner is on this host but no longer alive (no such PID,
 * or the PID now belongs to a process started at another time) is stale and taken over; any other
 * makes {@link #acquire} fail naming the holder. A lock held by this very process is re-entrant.
 *
 * <p>Only local directories are locked: Beam's file systems offer no atomic create-if-absent on
 * object stores, so on {@code gs://} {@link #acquire} takes no lock (see the README).
 */
public final class StageLock implements AutoCloseable {
  public static final String FILE = ".lock";
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> HELD.forEach(StageLock::deleteQuietly), "stage-locks"));
  }

  /** The lock file this handle created and will delete; null when it holds nothing to release. */
  private final Path file;

  private StageLock(Path file) {
    this.file = file;
  }

  /** The owner as written in the lock file: who holds it, so a message can name them. */
  record Owner(String host, long pid, String processStarted, String acquired) {
    static Owner current() {
      ProcessHandle self = ProcessHandle.current();
      return new Owner(localHost(), self.pid(), self.info().startInstant().map(Instant::toString).orElse(""),
          Instant.now().toString());
    }

    boolean sameProcess(Owner other) {
      return host.equals(other.host) && pid == other.pid && processStarted.equals(other.processStarted);
    }

    /** On this host, and that process is gone (or the PID was reused by a later process). */
    boolean staleOn(String thisHost) {
      if (!host.equals(thisHost)) {
        return false;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      return process.isEmpty() || !processStarted.isEmpty() && !process.get().info().startInstant()
          .map(Instant::toString).orElse(processStarted).equals(processStarted);
    }

    @Override
    public String toString() {
      return "host " + host + " pid " + pid + " since " + acquired;
    }
  }

  /**
   * Takes the lock on stage directory {@code dir} (creating the directory), or fails naming the
   * run that holds it. On a non-local {@code dir} it takes nothing.
   */
  public static StageLock acquire(String dir) {
    if (!Storage.isLocal(dir)) {
      return new StageLock(null);
    }
    Path lock = Path.of(dir.startsWith("file://") ? dir.substring("file://".length()) : dir).resolve(FILE);
    Owner me = Owner.current();
    try {
      Files.createDirectories(lock.getParent());
      for (int attempt = 0; attempt < 3; attempt++) {
        Path written = lock.resolveSibling(FILE + "." + UUID.randomUUID());
        Files.writeString(written, Json.write(Json.MAPPER.valueToTree(me)), StandardCharsets.UTF_8);
        try {
          Files.createLink(lock, written);
          HELD.add(lock);
          return new StageLock(lock);
        } catch (FileAlreadyExistsException held) {
          Optional<Owner> owner;
          try {
            owner = read(lock);
          } catch (NoSuchFileException released) {
            continue; // released meanwhile: try again
          }
          if (owner.isPresent() && owner.get().sameProcess(me)) {
            return new StageLock(null);
          }
          if (owner.isEmpty() || !owner.get().staleOn(me.host())) {
            throw new IllegalStateException("stage directory " + dir + " is being written by another run ("
                + owner.map(Owner::toString).orElse("owner unreadable") + "; lock " + lock + "): wait for it to"
                + " finish, or delete the lock file if that run is gone");
          }
          Files.deleteIfExists(lock); // stale: its owner died without releasing it
        } finally {
          Files.deleteIfExists(written);
        }
      }
      throw new IllegalStateException("stage directory " + dir + ": could not take " + lock + " (contended)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock stage directory " + dir, e);
    }
  }

  private static Optional<Owner> read(Path lock) throws IOException {
    try {
      JsonNode o = Json.MAPPER.readTree(Files.readString(lock, StandardCharsets.UTF_8));
      return Optional.of(new Owner(o.path("host").asText(), o.path("pid").asLong(), o.path("processStarted").asText(),
          o.path("acquired").asText()));
    } catch (NoSuchFileException gone) {
      throw gone;
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
    }
  }

  private static void deleteQuietly(Path lock) {
    try {
      Files.deleteIfExists(lock);
    } catch (IOException e) {
      // at exit: nothing left to report to
    }
  }

  @Override
  public void close() {
    if (file != null) {
      deleteQuietly(file);
      HELD.remove(file);
    }
  }
}

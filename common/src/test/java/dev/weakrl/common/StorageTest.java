package dev.weakrl.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
  @TempDir Path root;

  @Test
  void resolveJoinsLocalPaths() {
    assertEquals(root.resolve("a.json").toString(), Storage.resolve(root.toString(), "a.json"));
  }

  @Test
  void writesCreatingParentsAndReadsBack() {
    String path = Storage.resolve(root.toString(), "deep/er/file.txt");
    assertFalse(Storage.exists(path));
    Storage.writeString(path, "héllo");
    assertTrue(Storage.exists(path));
    assertEquals("héllo", Storage.readString(path));
    assertEquals(6, Storage.size(path));
  }

  @Test
  void sizeOfAMissingFileNamesIt() {
    String path = Storage.resolve(root.toString(), "missing");
    var e = assertThrows(UncheckedIOException.class, () -> Storage.size(path));
    assertTrue(e.getMessage().contains(path));
  }

  @Test
  void listsFilesRecursivelySorted() {
    String dir = root.toString();
    Storage.writeString(Storage.resolve(dir, "b/2.txt"), "2");
    Storage.writeString(Storage.resolve(dir, "a.txt"), "1");
    assertEquals(List.of(Storage.resolve(dir, "a.txt"), Storage.resolve(dir, "b/2.txt")), Storage.list(dir));
  }

  /** Publishes one file {@code manifest.json} holding {@code text} as {@code dir}. */
  static void publish(String dir, String text) {
    String staging = Storage.stagingDirectory(dir);
    Storage.writeString(Storage.resolve(staging, "manifest.json"), text);
    Storage.publishDirectory(staging, dir, "manifest.json");
    assertFalse(Files.exists(Path.of(staging)));
  }

  @Test
  void publishReplacesTheDirectoryAndKeepsOnlyThePreviousVersion() throws Exception {
    String dir = Storage.resolve(root.toString(), "ckpt");
    Storage.writeString(Storage.resolve(dir, "old.txt"), "old"); // a plain directory, as before links
    for (int i = 1; i <= 3; i++) {
      publish(dir, Integer.toString(i));
      assertEquals(List.of(Storage.resolve(dir, "manifest.json")), Storage.list(dir));
      assertEquals(Integer.toString(i), Storage.readString(Storage.resolve(dir, "manifest.json")));
      try (var entries = Files.list(root)) {
        List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(3, names.size(), "the link, its version and the one it replaced: " + names);
        assertEquals("ckpt", names.get(0));
        assertTrue(names.get(1).startsWith("ckpt.v-") && names.get(2).startsWith("ckpt.v-"), names.toString());
      }
    }
  }

  @Test
  void aListingShowsAPublishedDirectorysFilesOnceUnderItsLink() {
    String dir = Storage.resolve(root.toString(), "stage/model");
    publish(dir, "1");
    assertEquals(List.of(Storage.resolve(dir, "manifest.json")), Storage.list(root.toString()));
  }

  @Test
  void aReaderNeverFindsThePublishedDirectoryMissing() throws Exception {
    String dir = Storage.resolve(root.toString(), "model");
    Path manifest = Path.of(dir, "manifest.json");
    publish(dir, "0");
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> missed = new java.util.concurrent.atomic.AtomicReference<>();
    Thread reader = new Thread(() -> {
      while (!done.get() && missed.get() == null) {
        try {
          Files.readString(manifest);
          reads.incrementAndGet();
        } catch (java.io.IOException e) {
          missed.set(e.toString());
        }
      }
    });
    reader.start();
    for (int i = 1; i <= 200; i++) {
      publish(dir, Integer.toString(i));
    }
    done.set(true);
    reader.join();
    assertEquals(null, missed.get(), "a read failed while " + dir + " was replaced");
    assertTrue(reads.get() > 0);
    assertEquals("200", Storage.readString(manifest.toString()));
  }

  @Test
  void deleteRecursivelyRemovesAPublishedDirectoryAndItsVersions() throws Exception {
    String dir = Storage.resolve(root.toString(), "published");
    publish(dir, "x");
    publish(dir, "y");
    Storage.deleteRecursively(dir);
    try (var entries = Files.list(root)) {
      assertEquals(List.of(), entries.toList());
    }
  }

  @Test
  void deleteRecursivelyRemovesTheDirectory() {
    String dir = Storage.resolve(root.toString(), "gone");
    Storage.writeString(Storage.resolve(dir, "x/y.txt"), "y");
    Storage.deleteRecursively(dir);
    assertFalse(Files.exists(Path.of(dir)));
  }
}

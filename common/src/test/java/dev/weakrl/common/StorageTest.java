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

  @Test
  void publishReplacesTheDirectoryAndLeavesNoStaging() {
    String dir = Storage.resolve(root.toString(), "ckpt");
    Storage.writeString(Storage.resolve(dir, "old.txt"), "old");
    String staging = Storage.stagingDirectory(dir);
    Storage.writeString(Storage.resolve(staging, "manifest.json"), "{}");
    Storage.publishDirectory(staging, dir, "manifest.json");
    assertEquals(List.of(Storage.resolve(dir, "manifest.json")), Storage.list(dir));
    assertFalse(Files.exists(Path.of(staging)));
    // The old directory was moved aside, not deleted first, and then removed.
    assertEquals(List.of(Storage.resolve(dir, "manifest.json")), Storage.list(root.toString()));
  }

  @Test
  void deleteRecursivelyRemovesTheDirectory() {
    String dir = Storage.resolve(root.toString(), "gone");
    Storage.writeString(Storage.resolve(dir, "x/y.txt"), "y");
    Storage.deleteRecursively(dir);
    assertFalse(Files.exists(Path.of(dir)));
  }
}

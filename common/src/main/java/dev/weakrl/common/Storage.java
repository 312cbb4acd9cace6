package dev.weakrl.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Files addressed by string paths through Beam's {@link FileSystems}, so that local paths and
 * {@code gs://} work the same. A "directory" is a path prefix: object stores have no directories.
 */
public final class Storage {
  /** Between a published directory's name and the UUID of a version its link may point to. */
  private static final String VERSION = ".v-";
  /** A path inside such a version directory. */
  private static final Pattern PUBLISHED_VERSION =
      Pattern.compile(Pattern.quote(VERSION) + "\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}/");

  private Storage() {}

  /** {@code dir/name}, for local paths and URIs alike. */
  public static String resolve(String dir, String name) {
    ResourceId base = FileSystems.matchNewResource(dir, /* isDirectory= */ true);
    return base.resolve(name, StandardResolveOptions.RESOLVE_FILE).toString();
  }

  public static boolean exists(String path) {
    try {
      return FileSystems.match(path).status() == MatchResult.Status.OK
          && !FileSystems.match(path).metadata().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** Size in bytes; fails with the path named when it does not exist. */
  public static long size(String path) {
    try {
      return FileSystems.matchSingleFileSpec(path).sizeBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + path, e);
    }
  }

  public static InputStream openRead(String path) throws IOException {
    return Channels.newInputStream(openChannel(path));
  }

  public static ReadableByteChannel openChannel(String path) throws IOException {
    return FileSystems.open(FileSystems.matchSingleFileSpec(path).resourceId());
  }

  public static OutputStream openWrite(String path) throws IOException {
    return Channels.newOutputStream(createChannel(path));
  }

  /**
   * A new file to write. Local files get a plain {@link FileChannel}: Beam's local channel wraps
   * a stream that copies every write and hands it to the OS in 8 KiB pieces.
   */
  public static WritableByteChannel createChannel(String path) throws IOException {
    if (isLocal(path)) {
      Path file = Path.of(localPath(path)).toAbsolutePath();
      java.nio.file.Files.createDirectories(file.getParent());
      return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    }
    return FileSystems.create(FileSystems.matchNewResource(path, /* isDirectory= */ false), MimeTypes.BINARY);
  }

  public static byte[] readBytes(String path) {
    try (InputStream in = openRead(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public static String readString(String path) {
    return new String(readBytes(path), StandardCharsets.UTF_8);
  }

  public static void writeBytes(String path, byte[] bytes) {
    try (OutputStream out = openWrite(path)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  public static void writeString(String path, String text) {
    writeBytes(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Paths of the files directly or indirectly under {@code dir}, sorted; a published directory's
   * files appear once, under its link, not again under the version it points to.
   */
  public static List<String> list(String dir) {
    String glob = resolve(dir, "**");
    try {
      MatchResult match = FileSystems.match(glob);
      if (match.status() != MatchResult.Status.OK) {
        return List.of();
      }
      List<String> paths = new ArrayList<>();
      for (MatchResult.Metadata m : match.metadata()) {
        String path = m.resourceId().toString();
        if (!PUBLISHED_VERSION.matcher(path).find()) { // listed once, through its link
          paths.add(path);
        }
      }
      Collections.sort(paths);
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** A file's size and modification time, as its file system reports them. */
  public record FileVersion(String path, long size, long lastModifiedMillis) {}

  /** The files directly in {@code dir}, sorted by path, each with its size and modification time. */
  public static List<FileVersion> versions(String dir) {
    try {
      MatchResult match = FileSystems.match(resolve(dir, "*"));
      List<FileVersion> files = new ArrayList<>();
      if (match.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata m : match.metadata()) {
          files.add(new FileVersion(m.resourceId().toString(), m.sizeBytes(), m.lastModifiedMillis()));
        }
      }
      files.sort(java.util.Comparator.comparing(FileVersion::path));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Deletes every file under {@code dir} (and, locally, the directory itself). */
  public static void deleteRecursively(String dir) {
    try {
      if (isLocal(dir)) {
        Path root = Path.of(localPath(dir));
        if (java.nio.file.Files.isSymbolicLink(root)) { // a published directory: the link, then its versions
          java.nio.file.Files.delete(root);
          for (Path version : versions(root)) {
            deleteRecursively(version.toString());
          }
          return;
        }
        if (java.nio.file.Files.exists(root)) {
          try (var walk = java.nio.file.Files.walk(root)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
              java.nio.file.Files.delete(p);
            }
          }
        }
        return;
      }
      List<ResourceId> ids = new ArrayList<>();
      for (String p : list(dir)) {
        ids.add(FileSystems.matchNewResource(p, false));
      }
      FileSystems.delete(ids, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /** A sibling path of {@code dir} to write into before {@link #publishDirectory}. */
  public static String stagingDirectory(String dir) {
    String trimmed = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    return trimmed + ".tmp-" + UUID.randomUUID();
  }

  /**
   * Moves everything written under {@code staging} to {@code dir}. Locally {@code dir} is a
   * symbolic link to a sibling {@code <name>.v-<uuid>} holding the files, and publishing renames a
   * new link over the old one: rename(2) replaces it in one step, so a reader finds the old files
   * or the new ones, never neither (Java cannot call renameat2 to exchange two directories). The
   * version replaced is kept until the next publish, for readers that resolved the old link just
   * before; older ones are deleted. A {@code dir} that is still a plain directory (written before
   * links) is renamed aside first, so it is missing between those two renames, once. On
   * object stores files are renamed one by one with {@code lastFile} renamed last, so that a reader
   * who waits for {@code lastFile} never sees a half-written directory.
   */
  public static void publishDirectory(String staging, String dir, String lastFile) {
    try {
      if (isLocal(dir)) {
        Path target = Path.of(localPath(dir));
        java.nio.file.Files.createDirectories(target.getParent());
        String name = target.getFileName().toString();
        Path previous = java.nio.file.Files.isSymbolicLink(target)
            ? target.resolveSibling(java.nio.file.Files.readSymbolicLink(target)) : null;
        if (java.nio.file.Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          previous = target.resolveSibling(name + VERSION + UUID.randomUUID()); // written before links: missing once
          move(target, previous);
        }
        Path version = target.resolveSibling(name + VERSION + UUID.randomUUID());
        move(Path.of(localPath(staging)), version);
        Path link = target.resolveSibling(name + ".link-" + UUID.randomUUID());
        java.nio.file.Files.createSymbolicLink(link, version.getFileName()); // relative: the tree can move
        java.nio.file.Files.move(link, target, StandardCopyOption.ATOMIC_MOVE);
        // The version just replaced stays until the next publish: a reader whose path walk passed the
        // old link a moment ago still finds its files. Older ones go.
        for (Path stale : versions(target)) {
          if (!stale.equals(version) && !stale.equals(previous)) {
            deleteRecursively(stale.toString());
          }
        }
        return;
      }
      List<ResourceId> from = new ArrayList<>();
      List<ResourceId> to = new ArrayList<>();
      String prefix = resolve(staging, "");
      String lastSource = null;
      for (String p : list(staging)) {
        String relative = p.substring(prefix.length());
        if (relative.equals(lastFile)) {
          lastSource = p;
          continue;
        }
        from.add(FileSystems.matchNewResource(p, false));
        to.add(FileSystems.matchNewResource(resolve(dir, relative), false));
      }
      FileSystems.rename(from, to);
      if (lastSource != null) {
        FileSystems.rename(
            List.of(FileSystems.matchNewResource(lastSource, false)),
            List.of(FileSystems.matchNewResource(resolve(dir, lastFile), false)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + staging + " as " + dir, e);
    }
  }

  /** The version directories {@code <name>.v-<uuid>} beside the published directory {@code dir}. */
  private static List<Path> versions(Path dir) throws IOException {
    String prefix = dir.getFileName() + VERSION;
    try (var siblings = java.nio.file.Files.list(dir.getParent())) {
      return siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      java.nio.file.Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      java.nio.file.Files.move(from, to);
    }
  }

  /** Renames the file {@code from} to {@code to}, replacing it: atomically on local disks. */
  public static void rename(String from, String to) {
    try {
      if (isLocal(from) && isLocal(to)) {
        Path target = Path.of(localPath(to));
        try {
          java.nio.file.Files.move(Path.of(localPath(from)), target, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          java.nio.file.Files.move(Path.of(localPath(from)), target, StandardCopyOption.REPLACE_EXISTING);
        }
        return;
      }
      FileSystems.rename(List.of(FileSystems.matchNewResource(from, false)),
          List.of(FileSystems.matchNewResource(to, false)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rename " + from + " to " + to, e);
    }
  }

  /** Deletes the file at {@code path} if it exists; a failure to delete is not an error (cleanup). */
  public static void deleteQuietly(String path) {
    try {
      FileSystems.delete(List.of(FileSystems.matchNewResource(path, false)),
          MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException e) {
      // best effort: the caller is already reporting the failure that made this file
    }
  }

  public static boolean isLocal(String path) {
    return !path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*") || path.startsWith("file://");
  }

  private static String localPath(String path) {
    return path.startsWith("file://") ? path.substring("file://".length()) : path;
  }
}

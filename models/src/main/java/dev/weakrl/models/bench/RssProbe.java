package dev.weakrl.models.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.train.AdamW;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resident-memory growth over many small training steps, measured in a child JVM whose Java heap
 * is fixed and pre-touched: heap resizing then cannot move the figure, and what grows is native
 * memory (NDArrays) or leaked Java objects filling the fixed heap.
 */
public final class RssProbe {
  private static final int WARMUP_STEPS = 200;

  private RssProbe() {}

  /** Runs {@link #main} in a fresh JVM with this classpath and returns its figure. */
  static double measureInChildJvm(int steps) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path"), RssProbe.class.getName(), Integer.toString(steps));
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("RSS probe exited with " + p.exitValue() + ": " + out);
      }
      return Double.parseDouble(out.substring(out.lastIndexOf('\n') + 1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the RSS probe JVM", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the RSS probe", e);
    }
  }

  /** Prints (RSS after {@code args[0]} steps − RSS after warm-up) / RSS after warm-up. */
  public static void main(String[] args) {
    int steps = Integer.parseInt(args[0]);
    LlamaConfig c = LlamaConfig.tiny(100);
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(c, m, 2)) {
      model.setTrainable(true);
      NDArray[] data = ModelBenchmark.randomBatch(m, c, 8, 64);
      try (AdamW optimizer = new AdamW(model.parameters(), AdamW.Settings.defaults(), m)) {
        for (int i = 0; i < WARMUP_STEPS; i++) {
          ModelBenchmark.trainStep(model, optimizer, data, m);
        }
        long before = residentBytes();
        for (int i = 0; i < steps; i++) {
          ModelBenchmark.trainStep(model, optimizer, data, m);
        }
        System.out.println((residentBytes() - before) / (double) before);
      }
    }
  }

  /** VmRSS of this process, from /proc (Linux). */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      throw new IllegalStateException("/proc/self/status has no VmRSS line");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/self/status", e);
    }
  }
}

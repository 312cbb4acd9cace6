package dev.weakrl.models.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.weakrl.models.nn.EngineThreads;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.train.AdamW;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ./weakrl bench --suite contention}: two training processes on one machine. Training tokens/s
 * of one child JVM alone on every core, then of two child JVMs at once, each given half the cores
 * through {@value EngineThreads#ENV}; each of the two is reported as a fraction of the solo rate
 * (1/2 would be a perfect split). Each child trains the embedded default at batch 16 × 128 for a
 * fixed wall time, so the two overlap for all but their start-up.
 */
public final class ContentionBenchmark {
  private static final LlamaConfig CONFIG = LlamaConfig.tiny(100);
  private static final int BATCH = 16;
  private static final int SEQ = 128;
  private static final double WARMUP_SECONDS = 4;
  private static final double MEASURED_SECONDS = 16;

  private ContentionBenchmark() {}

  public static Map<String, Double> run(Consumer<String> progress) {
    int cores = Runtime.getRuntime().availableProcessors();
    int half = Math.max(1, cores / 2);
    progress.accept("contention: one training process alone, " + cores + " threads");
    double solo = start(cores).await();
    progress.accept("contention: two training processes at once, " + half + " threads each");
    Probe a = start(half);
    Probe b = start(half);
    double rateA = a.await();
    double rateB = b.await();
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("contention_solo_tokens_per_s", solo);
    figures.put("contention_fraction_a", rateA / solo);
    figures.put("contention_fraction_b", rateB / solo);
    figures.put("contention_fraction_min", Math.min(rateA, rateB) / solo);
    return figures;
  }

  /** A child JVM training with {@code threads} intra-op threads. */
  private record Probe(Process process) {
    double await() {
      try {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
          throw new IllegalStateException("contention probe exited with " + process.exitValue() + ": " + out);
        }
        return Double.parseDouble(out.substring(out.lastIndexOf('\n') + 1));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the contention probe", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the contention probe", e);
      }
    }
  }

  private static Probe start(int threads) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path"), ContentionBenchmark.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put(EngineThreads.ENV, Integer.toString(threads));
    try {
      return new Probe(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the contention probe JVM", e);
    }
  }

  /** Prints the training tokens/s of this process after a warm-up (its thread count from the environment). */
  public static void main(String[] args) {
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(CONFIG, m, 2)) {
      model.setTrainable(true);
      NDArray[] data = ModelBenchmark.randomBatch(m, CONFIG, BATCH, SEQ);
      try (AdamW optimizer = new AdamW(model.parameters(), AdamW.Settings.defaults(), m)) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < WARMUP_SECONDS * 1e9) {
          ModelBenchmark.trainStep(model, optimizer, data, m);
        }
        long t0 = System.nanoTime();
        int steps = 0;
        while (System.nanoTime() - t0 < MEASURED_SECONDS * 1e9) {
          ModelBenchmark.trainStep(model, optimizer, data, m);
          steps++;
        }
        System.out.println(steps * (double) BATCH * SEQ / ((System.nanoTime() - t0) / 1e9));
      }
    }
  }
}

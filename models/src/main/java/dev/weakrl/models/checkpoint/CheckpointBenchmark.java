package dev.weakrl.models.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.CharTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoint throughput relative to the machine's: MB/s of {@link Checkpoint#save} and {@link
 * Checkpoint#load} over MB/s of a plain {@link FileChannel} writing and reading the same bytes,
 * for a ~110M-parameter fp32 Llama-shaped set of tensors. Each figure is the best of {@value
 * #REPEATS}. Writes do not fsync on either side. Reads are measured twice: from disk ({@code
 * checkpoint_read_ratio}: before each read the files are synced and dropped from the page cache
 * with {@code dd iflag=nocache}, i.e. {@code posix_fadvise(DONTNEED)}, which needs no privileges),
 * as a user loading a model not read since boot, and from the page cache ({@code
 * checkpoint_read_cached_ratio}), where the read costs little and verification shows most.
 */
public final class CheckpointBenchmark {
  private static final int REPEATS = 3;
  private static final int VOCAB = 32000;
  private static final int HIDDEN = 768;
  private static final int INTERMEDIATE = 2048;
  private static final int LAYERS = 12;

  private CheckpointBenchmark() {}

  /** Runs in {@code scratchDir} (left empty); returns the two ratios and the four MB/s figures. */
  public static Map<String, Double> run(Path scratchDir) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> tensors = llamaShapedTensors(manager);
      long bytes = tensors.values().stream().mapToLong(a -> a.size() * 4).sum();
      String checkpoint = scratchDir.resolve("checkpoint").toString();
      Path raw = scratchDir.resolve("raw.bin");
      LlamaConfig config = new LlamaConfig("llama", VOCAB, HIDDEN, INTERMEDIATE, LAYERS, 12, 12, 64, 2048,
          1e-5, 10000.0, null, false, false, false);

      // Each timed write makes new files on both sides, as a step checkpoint does (a republish
      // would also keep the version it replaces).
      double rawWrite = best(bytes, () -> deleteIfExists(raw), () -> writeRaw(raw, tensors));
      double ckptWrite = best(bytes, () -> Storage.deleteRecursively(checkpoint),
          () -> Checkpoint.save(checkpoint, config, CharTokenizer.standard(), tensors, Json.object()));
      Runnable load = () -> {
        try (NDManager loaded = manager.newSubManager()) {
          Checkpoint.load(checkpoint, loaded);
        }
      };
      double rawReadCached = best(bytes, () -> readRaw(raw, tensors));
      double ckptReadCached = best(bytes, load);
      double rawRead = best(bytes, () -> evict(raw), () -> readRaw(raw, tensors));
      double ckptRead = best(bytes, () -> evict(Path.of(checkpoint)), load);
      Storage.deleteRecursively(checkpoint);
      deleteIfExists(raw);

      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("checkpoint_write_ratio", ckptWrite / rawWrite);
      figures.put("checkpoint_read_ratio", ckptRead / rawRead);
      figures.put("checkpoint_read_cached_ratio", ckptReadCached / rawReadCached);
      figures.put("checkpoint_write_mb_s", ckptWrite);
      figures.put("checkpoint_read_mb_s", ckptRead);
      figures.put("raw_write_mb_s", rawWrite);
      figures.put("raw_read_mb_s", rawRead);
      figures.put("checkpoint_read_cached_mb_s", ckptReadCached);
      figures.put("raw_read_cached_mb_s", rawReadCached);
      return figures;
    }
  }

  /** Embedding plus {@value #LAYERS} layers of attention (4 x D x D) and MLP (3 x D x I), fp32. */
  private static Map<String, NDArray> llamaShapedTensors(NDManager manager) {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    tensors.put("model.embed_tokens.weight", manager.randomNormal(new Shape(VOCAB, HIDDEN)));
    for (int l = 0; l < LAYERS; l++) {
      String p = "model.layers." + l + ".";
      for (String proj : new String[] {"q", "k", "v", "o"}) {
        tensors.put(p + "self_attn." + proj + "_proj.weight", manager.randomNormal(new Shape(HIDDEN, HIDDEN)));
      }
      tensors.put(p + "mlp.gate_proj.weight", manager.randomNormal(new Shape(INTERMEDIATE, HIDDEN)));
      tensors.put(p + "mlp.up_proj.weight", manager.randomNormal(new Shape(INTERMEDIATE, HIDDEN)));
      tensors.put(p + "mlp.down_proj.weight", manager.randomNormal(new Shape(HIDDEN, INTERMEDIATE)));
    }
    return tensors;
  }

  private static void writeRaw(Path file, Map<String, NDArray> tensors) {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (NDArray a : tensors.values()) {
        ByteBuffer bytes = a.toByteBuffer(true);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void readRaw(Path file, Map<String, NDArray> tensors) {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      for (NDArray a : tensors.values()) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.toIntExact(a.size() * 4));
        while (bytes.hasRemaining() && in.read(bytes) >= 0) {
          // fill the tensor's buffer
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Syncs {@code path} (a file, or every file of a directory, through the link that publishes it)
   * and drops its pages from the page cache, so that the next read comes from disk.
   */
  private static void evict(Path path) {
    try (var files = Files.walk(path, FileVisitOption.FOLLOW_LINKS)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.force(true); // dirty pages cannot be dropped
        }
        Process dd = new ProcessBuilder("dd", "if=" + file, "iflag=nocache", "count=0", "status=none")
            .redirectErrorStream(true).start();
        String out = new String(dd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (dd.waitFor() != 0) {
          throw new IllegalStateException("dd iflag=nocache could not drop " + file + " from the page cache: " + out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot drop " + path + " from the page cache (needs dd)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dropping " + path + " from the page cache", e);
    }
  }

  /** Best MB/s of {@value #REPEATS} runs of {@code task} moving {@code bytes}. */
  private static double best(long bytes, Runnable task) {
    return best(bytes, () -> {}, task);
  }

  /** Like {@link #best(long, Runnable)}, running the untimed {@code before} ahead of each run. */
  private static double best(long bytes, Runnable before, Runnable task) {
    double best = 0;
    for (int i = 0; i < REPEATS; i++) {
      before.run();
      long start = System.nanoTime();
      task.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      best = Math.max(best, bytes / 1e6 / seconds);
    }
    return best;
  }
}

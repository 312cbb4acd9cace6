package dev.weakrl.study.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.models.nn.EngineThreads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A stage directory's {@code manifest.json}: stage, key, status ({@code running}, {@code complete}
 * or {@code failed} with the {@code error}), options, inputs, timings and the stage's summary
 * {@code figures}. A complete stage is never run again; any other is run again from the start.
 */
public final class StageManifest {
  public static final String FILE = "manifest.json";
  public static final String RUNNING = "running";
  public static final String COMPLETE = "complete";
  public static final String FAILED = "failed";

  private static final ConcurrentHashMap<String, Object> RUNS_IN_THIS_PROCESS = new ConcurrentHashMap<>();

  private StageManifest() {}

  /** A stage's body: works in the stage directory and returns its figures. */
  public interface Body {
    Map<String, Double> run(String dir) throws Exception;
  }

  /**
   * Runs {@code body} in {@code spec}'s directory unless its manifest already says complete.
   * {@code inputs} are the input stage directories. Returns the stage directory. A body that throws
   * leaves the manifest at {@code failed} with the error, so the next run does the stage again.
   */
  public static String runOnce(String out, StageSpec spec, List<String> inputs, Body body, Consumer<String> log) {
    String dir = spec.dir(out);
    // One run per directory in this process: a second caller (another DoFn thread asked for the same
    // stage) waits, then finds it complete, instead of reading a manifest being written.
    // Another process (a second run on the same --out) is kept out by the directory's lock.
    synchronized (RUNS_IN_THIS_PROCESS.computeIfAbsent(dir, d -> new Object())) {
      try (StageLock lock = StageLock.acquire(dir)) {
        if (isComplete(dir)) {
          log.accept(spec.stage() + ": complete in " + dir + ", not rerun");
          return dir;
        }
        start(dir, spec, inputs);
        log.accept(spec.stage() + ": running in " + dir);
        Map<String, Double> figures;
        try {
          figures = body.run(dir);
        } catch (Exception e) {
          fail(dir, e);
          throw e instanceof RuntimeException r ? r : new IllegalStateException(spec.stage() + " failed in " + dir, e);
        }
        complete(dir, figures);
        return dir;
      }
    }
  }

  /** Writes the {@code running} manifest of a stage about to run in {@code dir}. */
  public static void start(String dir, StageSpec spec, List<String> inputs) {
    ObjectNode manifest = Json.object().put("stage", spec.stage()).put("key", spec.key());
    spec.options().forEach(manifest.putObject("options")::put);
    inputs.forEach(manifest.putArray("inputs")::add);
    manifest.putObject("timings").put("started", Instant.now().toString());
    manifest.put("intra_op_threads", EngineThreads.get()); // the same weights need the same count
    manifest.put("status", RUNNING);
    Json.writeFile(Storage.resolve(dir, FILE), manifest);
  }

  /** Marks the started stage in {@code dir} complete, with its timings and figures. */
  public static void complete(String dir, Map<String, Double> figures) {
    ObjectNode manifest = (ObjectNode) read(dir);
    Instant finished = Instant.now();
    Instant started = Instant.parse(manifest.path("timings").path("started").asText());
    ((ObjectNode) manifest.get("timings")).put("finished", finished.toString())
        .put("seconds", (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
    figures.forEach(manifest.putObject("figures")::put);
    manifest.put("status", COMPLETE);
    Json.writeFile(Storage.resolve(dir, FILE), manifest);
  }

  /**
   * Marks the stage in {@code dir} failed with {@code error}, if its manifest still says running:
   * for stages whose body is a pipeline ({@code prepare}) and fails outside {@link #runOnce}.
   */
  public static void failIfRunning(String dir, Exception error) {
    String path = Storage.resolve(dir, FILE);
    if (Storage.exists(path) && RUNNING.equals(Json.read(path).path("status").asText())) {
      fail(dir, error);
    }
  }

  private static void fail(String dir, Exception error) {
    ObjectNode manifest = (ObjectNode) read(dir);
    manifest.put("status", FAILED).put("error", String.valueOf(error));
    ((ObjectNode) manifest.get("timings")).put("failed", Instant.now().toString());
    Json.writeFile(Storage.resolve(dir, FILE), manifest);
  }

  public static boolean isComplete(String dir) {
    String path = Storage.resolve(dir, FILE);
    return Storage.exists(path) && COMPLETE.equals(Json.read(path).path("status").asText());
  }

  public static JsonNode read(String dir) {
    return Json.read(Storage.resolve(dir, FILE));
  }

  /** The most recently finished complete stage named {@code stage} under {@code <out>/stages}. */
  public static Optional<String> latestComplete(String out, String stage) {
    List<String> found = new ArrayList<>();
    String stages = Storage.resolve(out, "stages");
    for (String path : Storage.list(stages)) {
      String suffix = "/" + FILE;
      if (path.endsWith(suffix)) {
        String dir = path.substring(0, path.length() - suffix.length());
        String name = dir.substring(dir.lastIndexOf('/') + 1);
        if (name.matches(java.util.regex.Pattern.quote(stage) + "-[0-9a-f]{10}") && isComplete(dir)) {
          found.add(dir);
        }
      }
    }
    return found.stream().max(java.util.Comparator.comparing(d -> read(d).path("timings").path("finished").asText()));
  }
}

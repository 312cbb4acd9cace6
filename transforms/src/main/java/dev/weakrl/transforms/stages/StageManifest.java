package dev.weakrl.transforms.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A stage directory's {@code manifest.json}: stage, key, status ({@code running} or {@code
 * complete}), options, inputs, timings and the stage's summary {@code figures}. A complete stage
 * is never run again.
 */
public final class StageManifest {
  public static final String FILE = "manifest.json";
  public static final String COMPLETE = "complete";

  private StageManifest() {}

  /** A stage's body: works in the stage directory and returns its figures. */
  public interface Body {
    Map<String, Double> run(String dir) throws Exception;
  }

  /**
   * Runs {@code body} in {@code spec}'s directory unless its manifest already says complete.
   * {@code inputs} are the input stage directories. Returns the stage directory.
   */
  public static String runOnce(String out, StageSpec spec, List<String> inputs, Body body, Consumer<String> log) {
    String dir = spec.dir(out);
    if (isComplete(dir)) {
      log.accept(spec.stage() + ": complete in " + dir + ", not rerun");
      return dir;
    }
    ObjectNode manifest = Json.object().put("stage", spec.stage()).put("key", spec.key());
    spec.options().forEach(manifest.putObject("options")::put);
    inputs.forEach(manifest.putArray("inputs")::add);
    Instant started = Instant.now();
    manifest.putObject("timings").put("started", started.toString());
    manifest.put("status", "running");
    Json.writeFile(Storage.resolve(dir, FILE), manifest);
    log.accept(spec.stage() + ": running in " + dir);
    Map<String, Double> figures;
    try {
      figures = body.run(dir);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(spec.stage() + " failed in " + dir, e);
    }
    ((ObjectNode) manifest.get("timings")).put("finished", Instant.now().toString())
        .put("seconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);
    figures.forEach(manifest.putObject("figures")::put);
    manifest.put("status", COMPLETE);
    Json.writeFile(Storage.resolve(dir, FILE), manifest);
    return dir;
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

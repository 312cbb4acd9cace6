package dev.weakrl.study.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import java.util.List;

/**
 * Evaluations are content-addressed like stages: a checkpoint's evaluation directory ({@code
 * <out>/eval/<checkpoint key>/}, the key itself a content address) gets {@code evaluation.json},
 * written once its files are complete, naming the identity of what produced them (the settings,
 * every benchmark, {@link #CODE_VERSION}). An evaluation asked for again with the same identity is
 * skipped; any other identity evaluates the checkpoint again and replaces its files.
 */
public final class EvalManifest {
  public static final String FILE = "evaluation.json";
  /** Bump when evaluation results change for the same settings and benchmarks. */
  public static final String CODE_VERSION = "1";

  private EvalManifest() {}

  /** The identity of evaluating with {@code settings} on {@code benchmarks} (a file benchmark by its path). */
  public static String identity(EvalSettings settings, List<Benchmark> benchmarks) {
    ObjectNode n = Json.object().put("code_version", CODE_VERSION).put("settings", settings.toString());
    benchmarks.forEach(b -> n.withArray("benchmarks").add(b.toString()));
    return Json.key(n);
  }

  /** {@code <out>/eval/<key>/}: where a checkpoint's evaluation lives. */
  public static String dir(String out, String checkpointKey) {
    return Storage.resolve(EvalParquet.evalDir(out), checkpointKey);
  }

  /** Whether {@code dir} holds a complete evaluation of this identity. */
  public static boolean isComplete(String dir, String identity) {
    String path = Storage.resolve(dir, FILE);
    return Storage.exists(path) && Json.read(path).path("identity").asText().equals(identity);
  }

  /** Marks {@code dir}'s files as the complete evaluation of {@code identity}; returns the manifest's path. */
  public static String write(String dir, String identity) {
    String path = Storage.resolve(dir, FILE);
    Storage.writeString(path, Json.write(Json.object().put("identity", identity).put("code_version", CODE_VERSION)));
    return path;
  }
}

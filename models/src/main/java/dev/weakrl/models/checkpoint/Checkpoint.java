package dev.weakrl.models.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.models.tokenizer.Tokenizers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model checkpoint: a directory (local or gs://) holding
 *
 * <ul>
 *   <li>{@code config.json}: the Hugging Face config ({@link LlamaConfig#toJson});
 *   <li>the tokenizer's files ({@link Tokenizer#save});
 *   <li>{@code model.parquet}: the weights as a {@link TensorFile};
 *   <li>{@code manifest.json}: format and version, tensor count, total bytes, a {@link
 *       TensorInfo} per tensor, and the caller's {@code extras} (step, seed, ...).
 * </ul>
 *
 * Everything is written under a staging name and published with {@code manifest.json} last, so
 * a directory with a manifest is complete and a half-written checkpoint is never visible.
 *
 * <p>{@link #load} also reads Hugging Face directories ({@link HfCheckpoints}), so every command
 * that takes a checkpoint takes one.
 */
public final class Checkpoint {
  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = "model.parquet";
  public static final String MANIFEST = "manifest.json";
  static final String FORMAT = "weakrl-checkpoint";
  static final int FORMAT_VERSION = 1;

  private Checkpoint() {}

  /** A loaded checkpoint; {@code tensors} keep the order they were saved in. */
  public record Loaded(LlamaConfig config, Tokenizer tokenizer, Map<String, NDArray> tensors, JsonNode manifest) {
    /** The {@code extras} given to {@link #save}. */
    public JsonNode extras() {
      return manifest.path("extras");
    }

    /** The model these tensors describe, its parameters in a sub-manager of {@code manager}. */
    public Llama model(NDManager manager) {
      return Llama.fromTensors(config, tensors, manager);
    }
  }

  /** Writes a checkpoint to {@code dir}, replacing any there. */
  public static void save(String dir, LlamaConfig config, Tokenizer tokenizer, Map<String, NDArray> tensors,
      ObjectNode extras) {
    String staging = Storage.stagingDirectory(dir);
    try {
      Storage.writeString(Storage.resolve(staging, CONFIG), config.toJson());
      tokenizer.save(staging);
      Map<String, TensorInfo> written = TensorFile.write(Storage.resolve(staging, WEIGHTS), tensors);
      Json.writeFile(Storage.resolve(staging, MANIFEST), manifest(written, extras));
    } catch (RuntimeException e) {
      Storage.deleteRecursively(staging);
      throw e;
    }
    Storage.publishDirectory(staging, dir, MANIFEST);
  }

  private static ObjectNode manifest(Map<String, TensorInfo> written, ObjectNode extras) {
    ObjectNode m = Json.object();
    m.put("format", FORMAT);
    m.put("format_version", FORMAT_VERSION);
    m.put("tensor_count", written.size());
    m.put("total_bytes", written.values().stream().mapToLong(TensorInfo::bytes).sum());
    ObjectNode tensors = m.putObject("tensors");
    written.forEach((name, info) -> tensors.set(name, info.toJson()));
    m.set("extras", extras.deepCopy());
    return m;
  }

  /**
   * Reads the model directory {@code dir}, its tensors into {@code manager}: a weakrl checkpoint
   * (every byte verified against the manifest) or a Hugging Face directory ({@link
   * HfCheckpoints}), told apart by {@link #isHuggingFace}.
   */
  public static Loaded load(String dir, NDManager manager) {
    if (isHuggingFace(dir)) {
      return HfCheckpoints.load(dir, manager);
    }
    JsonNode manifest = manifest(dir);
    Map<String, TensorInfo> expected = new LinkedHashMap<>();
    manifest.path("tensors").fields().forEachRemaining(e -> expected.put(e.getKey(), TensorInfo.fromJson(e.getValue())));
    String configPath = Storage.resolve(dir, CONFIG);
    LlamaConfig config = LlamaConfig.fromJson(Storage.readString(configPath), configPath);
    Tokenizer tokenizer = Tokenizers.load(dir);
    Map<String, NDArray> tensors = TensorFile.read(Storage.resolve(dir, WEIGHTS), manager, expected);
    return new Loaded(config, tokenizer, tensors, manifest);
  }

  /**
   * Checks, without reading a weight, that {@link #load} can read {@code dir}: a weakrl checkpoint's
   * manifest, or everything about a Hugging Face directory but its tensor bytes. Throws naming
   * what is wrong.
   */
  public static void check(String dir) {
    if (isHuggingFace(dir)) {
      HfCheckpoints.inspect(dir);
    } else {
      manifest(dir);
    }
  }

  /**
   * A short key for the model directory {@code dir} as it is now: its {@code config.json} and the
   * name, size and modification time of each of its files. Reading no weight, it tells a changed
   * or replaced model from the same one, so a stage that imports {@code dir} is redone when it changes.
   */
  public static String fingerprint(String dir) {
    ObjectNode n = Json.object().put("config", Storage.readString(Storage.resolve(dir, CONFIG)));
    ObjectNode files = n.putObject("files");
    for (Storage.FileVersion f : Storage.versions(dir)) {
      files.putArray(f.path().substring(f.path().lastIndexOf('/') + 1)).add(f.size()).add(f.lastModifiedMillis());
    }
    return Json.key(n);
  }

  /**
   * A Hugging Face directory has a {@code config.json} and none of our {@code manifest.json} or
   * {@code model.parquet}: a directory with either is ours, complete or not.
   */
  public static boolean isHuggingFace(String dir) {
    return Storage.exists(Storage.resolve(dir, CONFIG)) && !Storage.exists(Storage.resolve(dir, MANIFEST))
        && !Storage.exists(Storage.resolve(dir, WEIGHTS));
  }

  private static JsonNode manifest(String dir) {
    String manifestPath = Storage.resolve(dir, MANIFEST);
    if (!Storage.exists(manifestPath)) {
      throw new CorruptCheckpointException(dir + ": not a complete checkpoint (no " + MANIFEST + "), nor a Hugging "
          + "Face directory (" + CONFIG + " and safetensors weights)");
    }
    JsonNode manifest = Json.read(manifestPath);
    if (!FORMAT.equals(manifest.path("format").asText()) || manifest.path("format_version").asInt() != FORMAT_VERSION) {
      throw new CorruptCheckpointException(manifestPath + ": expected " + FORMAT + " version " + FORMAT_VERSION);
    }
    return manifest;
  }
}

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

  /** Reads the checkpoint in {@code dir}, its tensors into {@code manager}, verifying every byte. */
  public static Loaded load(String dir, NDManager manager) {
    String manifestPath = Storage.resolve(dir, MANIFEST);
    if (!Storage.exists(manifestPath)) {
      throw new CorruptCheckpointException(dir + ": not a complete checkpoint (no " + MANIFEST + ")");
    }
    JsonNode manifest = Json.read(manifestPath);
    if (!FORMAT.equals(manifest.path("format").asText()) || manifest.path("format_version").asInt() != FORMAT_VERSION) {
      throw new CorruptCheckpointException(manifestPath + ": expected " + FORMAT + " version " + FORMAT_VERSION);
    }
    Map<String, TensorInfo> expected = new LinkedHashMap<>();
    manifest.path("tensors").fields().forEachRemaining(e -> expected.put(e.getKey(), TensorInfo.fromJson(e.getValue())));
    String configPath = Storage.resolve(dir, CONFIG);
    LlamaConfig config = LlamaConfig.fromJson(Storage.readString(configPath), configPath);
    Tokenizer tokenizer = Tokenizers.load(dir);
    Map<String, NDArray> tensors = TensorFile.read(Storage.resolve(dir, WEIGHTS), manager, expected);
    return new Loaded(config, tokenizer, tensors, manifest);
  }
}

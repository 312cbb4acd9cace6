package dev.weakrl.models.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a tensor file holds for one tensor, as recorded in a checkpoint's manifest.
 *
 * @param dtype safetensors spelling: F32, F16, BF16, I32, I64...
 * @param sha256 SHA-256 over the concatenated SHA-256 digests of the tensor's chunks, in order
 *     (computable while the chunks are hashed in parallel)
 */
public record TensorInfo(String dtype, List<Long> shape, long bytes, String sha256) {
  public TensorInfo {
    shape = List.copyOf(shape);
  }

  /** The info of a tensor whose chunks have the given hex digests, in order. */
  static TensorInfo of(String dtype, List<Long> shape, long bytes, List<String> chunkSha256s) {
    MessageDigest digest = Sha256.newDigest();
    chunkSha256s.forEach(sha -> digest.update(HexFormat.of().parseHex(sha)));
    return new TensorInfo(dtype, shape, bytes, Sha256.hex(digest.digest()));
  }

  ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("dtype", dtype);
    shape.forEach(n.putArray("shape")::add);
    n.put("bytes", bytes);
    n.put("sha256", sha256);
    return n;
  }

  static TensorInfo fromJson(JsonNode n) {
    List<Long> shape = new ArrayList<>();
    n.path("shape").forEach(d -> shape.add(d.asLong()));
    return new TensorInfo(n.path("dtype").asText(), shape, n.path("bytes").asLong(), n.path("sha256").asText());
  }
}

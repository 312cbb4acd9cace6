package dev.weakrl.models.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;

/**
 * Shape of a Llama-family decoder, with Hugging Face {@code config.json} field names on disk.
 * Qwen2 is the same architecture with biases on the q, k and v projections.
 *
 * @param modelType {@code llama} or {@code qwen2}
 * @param headDim per-head width; Hugging Face defaults it to hidden / heads
 * @param qkvBias biases on q_proj, k_proj, v_proj (Qwen2, or Llama with attention_bias)
 * @param outputBias bias on o_proj (Llama with attention_bias only)
 * @param ropeScaling Llama 3.1-style frequency scaling, or null
 */
public record LlamaConfig(
    String modelType,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    int maxPositions,
    double rmsNormEps,
    double ropeTheta,
    RopeScaling ropeScaling,
    boolean tieEmbeddings,
    boolean qkvBias,
    boolean outputBias) {

  /** Llama 3.1 "llama3" rope scaling: low frequencies are stretched by {@code factor}. */
  public record RopeScaling(
      double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {}

  public LlamaConfig {
    check(modelType.equals("llama") || modelType.equals("qwen2"), "model_type must be llama or qwen2, got " + modelType);
    check(vocabSize > 0 && hiddenSize > 0 && intermediateSize > 0 && numLayers > 0, "sizes must be positive");
    check(numHeads > 0 && numKvHeads > 0, "head counts must be positive");
    check(numHeads % numKvHeads == 0,
        "num_attention_heads (" + numHeads + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
    check(headDim > 0 && headDim % 2 == 0, "head_dim must be positive and even (rotary pairs), got " + headDim);
    check(maxPositions > 0, "max_position_embeddings must be positive");
    check(rmsNormEps > 0 && ropeTheta > 0, "rms_norm_eps and rope_theta must be positive");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid LlamaConfig: " + message);
    }
  }

  /** Query heads that share one key/value head. */
  public int groupSize() {
    return numHeads / numKvHeads;
  }

  /** Number of trainable scalars (no tied duplicate). */
  public long parameterCount() {
    long d = hiddenSize;
    long attn = d * numHeads * headDim * 2 + d * numKvHeads * headDim * 2;
    long bias = (qkvBias ? (long) (numHeads + 2 * numKvHeads) * headDim : 0) + (outputBias ? d : 0);
    long mlp = 3L * d * intermediateSize;
    long perLayer = attn + bias + mlp + 2 * d;
    long embed = (long) vocabSize * d;
    return numLayers * perLayer + embed + d + (tieEmbeddings ? 0 : embed);
  }

  /** Model FLOPs per token of a forward pass at context {@code t} (matmuls plus attention). */
  public double forwardFlopsPerToken(int t) {
    long nonEmbedding = parameterCount() - (long) vocabSize * hiddenSize * (tieEmbeddings ? 1 : 2);
    double matmuls = 2.0 * (nonEmbedding + (long) vocabSize * hiddenSize);
    double attention = 2.0 * 2 * numLayers * (long) numHeads * headDim * t;
    return matmuls + attention;
  }

  /** The embedded default: a character-level model that trains on a laptop's CPU. */
  public static LlamaConfig tiny(int vocabSize) {
    return new LlamaConfig("llama", vocabSize, 128, 352, 4, 4, 2, 32, 512, 1e-5, 10000.0, null, true, false, false);
  }

  public LlamaConfig withVocabSize(int v) {
    return new LlamaConfig(modelType, v, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads,
        headDim, maxPositions, rmsNormEps, ropeTheta, ropeScaling, tieEmbeddings, qkvBias, outputBias);
  }

  /** Reads Hugging Face {@code config.json} text; {@code source} names the file in errors. */
  public static LlamaConfig fromJson(String json, String source) {
    JsonNode n = Json.parse(json, source);
    String type = n.path("model_type").asText("llama");
    if (!type.equals("llama") && !type.equals("qwen2")) {
      throw new IllegalArgumentException(source + ": model_type must be llama or qwen2, got " + n.get("model_type"));
    }
    if (n.has("hidden_act") && !n.get("hidden_act").asText().equals("silu")) {
      throw new IllegalArgumentException(source + ": hidden_act must be silu, got " + n.get("hidden_act"));
    }
    // Both change the function computed, and neither is implemented: refuse rather than run a different model.
    if (n.path("mlp_bias").asBoolean(false)) {
      throw new IllegalArgumentException(source + ": mlp_bias true is not supported (SwiGLU without biases only)");
    }
    if (n.path("use_sliding_window").asBoolean(false)) {
      throw new IllegalArgumentException(
          source + ": use_sliding_window true is not supported (full causal attention only)");
    }
    int hidden = required(n, "hidden_size", source);
    int heads = required(n, "num_attention_heads", source);
    boolean attentionBias = n.path("attention_bias").asBoolean(false);
    RopeScaling scaling = null;
    JsonNode rs = n.get("rope_scaling");
    if (rs != null && !rs.isNull()) {
      String kind = rs.path("rope_type").asText(rs.path("type").asText(""));
      if (!kind.equals("llama3") && !kind.equals("default")) {
        throw new IllegalArgumentException(source + ": rope_scaling type '" + kind
            + "' is not supported (only llama3, or default: no scaling)");
      }
      scaling = kind.equals("default") ? null
          : new RopeScaling(rs.path("factor").asDouble(8.0), rs.path("low_freq_factor").asDouble(1.0),
              rs.path("high_freq_factor").asDouble(4.0), rs.path("original_max_position_embeddings").asInt(8192));
    }
    return new LlamaConfig(
        type,
        required(n, "vocab_size", source),
        hidden,
        required(n, "intermediate_size", source),
        required(n, "num_hidden_layers", source),
        heads,
        n.path("num_key_value_heads").asInt(heads),
        n.path("head_dim").asInt(hidden / heads),
        n.path("max_position_embeddings").asInt(2048),
        n.path("rms_norm_eps").asDouble(1e-6),
        n.path("rope_theta").asDouble(10000.0),
        scaling,
        n.path("tie_word_embeddings").asBoolean(false),
        type.equals("qwen2") || attentionBias,
        type.equals("llama") && attentionBias);
  }

  private static int required(JsonNode n, String field, String source) {
    if (!n.has(field) || !n.get(field).canConvertToInt()) {
      throw new IllegalArgumentException(source + ": missing integer field '" + field + "'");
    }
    return n.get(field).asInt();
  }

  /** Hugging Face {@code config.json} text. */
  public String toJson() {
    ObjectNode n = Json.object();
    n.putArray("architectures").add(modelType.equals("qwen2") ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
    n.put("model_type", modelType);
    n.put("vocab_size", vocabSize);
    n.put("hidden_size", hiddenSize);
    n.put("intermediate_size", intermediateSize);
    n.put("num_hidden_layers", numLayers);
    n.put("num_attention_heads", numHeads);
    n.put("num_key_value_heads", numKvHeads);
    n.put("head_dim", headDim);
    n.put("max_position_embeddings", maxPositions);
    n.put("rms_norm_eps", rmsNormEps);
    n.put("rope_theta", ropeTheta);
    if (ropeScaling != null) {
      ObjectNode rs = n.putObject("rope_scaling");
      rs.put("rope_type", "llama3");
      rs.put("factor", ropeScaling.factor());
      rs.put("low_freq_factor", ropeScaling.lowFreqFactor());
      rs.put("high_freq_factor", ropeScaling.highFreqFactor());
      rs.put("original_max_position_embeddings", ropeScaling.originalMaxPositions());
    } else {
      n.putNull("rope_scaling");
    }
    n.put("tie_word_embeddings", tieEmbeddings);
    if (modelType.equals("llama")) {
      n.put("attention_bias", qkvBias);
    }
    n.put("hidden_act", "silu");
    n.put("torch_dtype", "float32");
    return Json.write(n);
  }
}

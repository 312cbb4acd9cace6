package dev.weakrl.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The decoder: logits = W_out · norm(layers(embed(tokens))), W_out = embed when tied. Parameters
 * carry their Hugging Face names ({@code model.layers.0.self_attn.q_proj.weight}, …), so loading a
 * Hugging Face checkpoint is a shape check, done in one place: {@link #fromTensors}.
 */
public final class Llama implements AutoCloseable {
  private final LlamaConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> parameters;
  private final NDArray embedding; // (V, D)
  private final NDArray outputWeight; // (V, D), the embedding itself when tied
  private final RmsNorm finalNorm;
  private final List<DecoderLayer> layers = new ArrayList<>();
  private final Rope rope;

  private Llama(LlamaConfig config, NDManager manager, Map<String, NDArray> parameters) {
    EngineThreads.ensureSet(); // before the first op, so that every op runs on the process's count
    this.config = config;
    this.manager = manager;
    this.parameters = parameters;
    this.embedding = parameters.get("model.embed_tokens.weight");
    this.outputWeight = config.tieEmbeddings() ? embedding : parameters.get("lm_head.weight");
    this.finalNorm = new RmsNorm(parameters.get("model.norm.weight"), config.rmsNormEps());
    this.rope = Rope.create(config, manager);
    for (int i = 0; i < config.numLayers(); i++) {
      String p = "model.layers." + i + ".";
      NDArray[] w = new NDArray[4];
      NDArray[] bias = new NDArray[4];
      String[] proj = {"q_proj", "k_proj", "v_proj", "o_proj"};
      for (int j = 0; j < 4; j++) {
        w[j] = parameters.get(p + "self_attn." + proj[j] + ".weight");
        bias[j] = parameters.get(p + "self_attn." + proj[j] + ".bias");
      }
      layers.add(new DecoderLayer(
          new RmsNorm(parameters.get(p + "input_layernorm.weight"), config.rmsNormEps()),
          new Attention(config, i, w, bias),
          new RmsNorm(parameters.get(p + "post_attention_layernorm.weight"), config.rmsNormEps()),
          new SwiGlu(parameters.get(p + "mlp.gate_proj.weight"),
              parameters.get(p + "mlp.up_proj.weight"),
              parameters.get(p + "mlp.down_proj.weight"))));
    }
  }

  /** Every parameter's name and shape, in checkpoint order. */
  public static Map<String, Shape> parameterShapes(LlamaConfig c) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    long d = c.hiddenSize();
    long q = (long) c.numHeads() * c.headDim();
    long kv = (long) c.numKvHeads() * c.headDim();
    shapes.put("model.embed_tokens.weight", new Shape(c.vocabSize(), d));
    for (int i = 0; i < c.numLayers(); i++) {
      String p = "model.layers." + i + ".";
      shapes.put(p + "input_layernorm.weight", new Shape(d));
      shapes.put(p + "self_attn.q_proj.weight", new Shape(q, d));
      shapes.put(p + "self_attn.k_proj.weight", new Shape(kv, d));
      shapes.put(p + "self_attn.v_proj.weight", new Shape(kv, d));
      shapes.put(p + "self_attn.o_proj.weight", new Shape(d, q));
      if (c.qkvBias()) {
        shapes.put(p + "self_attn.q_proj.bias", new Shape(q));
        shapes.put(p + "self_attn.k_proj.bias", new Shape(kv));
        shapes.put(p + "self_attn.v_proj.bias", new Shape(kv));
      }
      if (c.outputBias()) {
        shapes.put(p + "self_attn.o_proj.bias", new Shape(d));
      }
      shapes.put(p + "post_attention_layernorm.weight", new Shape(d));
      shapes.put(p + "mlp.gate_proj.weight", new Shape(c.intermediateSize(), d));
      shapes.put(p + "mlp.up_proj.weight", new Shape(c.intermediateSize(), d));
      shapes.put(p + "mlp.down_proj.weight", new Shape(d, c.intermediateSize()));
    }
    shapes.put("model.norm.weight", new Shape(d));
    if (!c.tieEmbeddings()) {
      shapes.put("lm_head.weight", new Shape(c.vocabSize(), d));
    }
    return shapes;
  }

  /**
   * Fresh weights, seeded: matrices ~ N(0, 0.02²) (residual outputs scaled by 1/√(2L), as in
   * GPT-2), norms 1, biases 0.
   */
  public static Llama init(LlamaConfig c, NDManager parent, long seed) {
    NDManager m = parent.newSubManager();
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, NDArray> params = new LinkedHashMap<>();
    double residualStd = 0.02 / Math.sqrt(2.0 * c.numLayers());
    for (Map.Entry<String, Shape> e : parameterShapes(c).entrySet()) {
      String name = e.getKey();
      Shape shape = e.getValue();
      float[] values = new float[Math.toIntExact(shape.size())];
      if (name.endsWith("norm.weight")) {
        java.util.Arrays.fill(values, 1f);
      } else if (!name.endsWith(".bias")) {
        double std = name.endsWith("o_proj.weight") || name.endsWith("down_proj.weight") ? residualStd : 0.02;
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (random.nextGaussian() * std);
        }
      }
      params.put(name, m.create(values, shape));
    }
    return new Llama(c, m, params);
  }

  /**
   * The one loader: takes tensors by Hugging Face name (from our checkpoints or safetensors),
   * checks them with {@link #checkShapes}, and converts them to float32. Tensors it does not use
   * (rotary caches, a tied lm_head copy) stay in the caller's manager.
   */
  public static Llama fromTensors(LlamaConfig c, Map<String, NDArray> tensors, NDManager parent) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    tensors.forEach((name, t) -> shapes.put(name, t.getShape()));
    checkShapes(c, shapes, "checkpoint");
    NDManager m = parent.newSubManager();
    Map<String, NDArray> params = new LinkedHashMap<>();
    for (String name : parameterShapes(c).keySet()) {
      NDArray t = tensors.get(name);
      NDArray f = t.getDataType() == DataType.FLOAT32 ? t : t.toType(DataType.FLOAT32, false);
      f.attach(m);
      params.put(name, f);
    }
    return new Llama(c, m, params);
  }

  /**
   * Checks tensor shapes by name against the config before any weight is read: every parameter
   * must be present with its shape. Rotary caches and a tied lm_head copy are ignorable; any
   * other name is an error, since it means the config does not describe the checkpoint.
   *
   * @param source names the checkpoint in errors
   */
  public static void checkShapes(LlamaConfig c, Map<String, Shape> shapes, String source) {
    Map<String, Shape> expected = parameterShapes(c);
    for (Map.Entry<String, Shape> e : expected.entrySet()) {
      Shape actual = shapes.get(e.getKey());
      if (actual == null) {
        throw new IllegalArgumentException(source + " lacks tensor " + e.getKey() + " " + e.getValue());
      }
      if (!actual.equals(e.getValue())) {
        throw new IllegalArgumentException(source + ": tensor " + e.getKey() + " has shape " + actual
            + ", the config expects " + e.getValue());
      }
    }
    for (String name : shapes.keySet()) {
      boolean ignorable = name.endsWith("rotary_emb.inv_freq") || (c.tieEmbeddings() && name.equals("lm_head.weight"));
      if (!expected.containsKey(name) && !ignorable) {
        throw new IllegalArgumentException(source + " has tensor " + name + " that the config does not describe");
      }
    }
  }

  public LlamaConfig config() {
    return config;
  }

  /** Parameters by Hugging Face name, in checkpoint order. Shared, not copied. */
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  /** The manager that owns the parameters. */
  public NDManager manager() {
    return manager;
  }

  /** Turns gradient tracking of every parameter on or off. */
  public void setTrainable(boolean trainable) {
    parameters.values().forEach(p -> p.setRequiresGradient(trainable));
  }

  /**
   * Logits of a right-padded batch.
   *
   * @param tokens (B, T) int token ids
   * @param attentionMask (B, T), 1 for real tokens and 0 for padding
   * @return (B, T, V) float32, in the manager of {@code tokens}
   */
  public NDArray forward(NDArray tokens, NDArray attentionMask) {
    NDManager m = tokens.getManager();
    long b = tokens.getShape().get(0);
    int t = (int) tokens.getShape().get(1);
    NDArray positions = m.arange(0, t, 1, DataType.INT32).reshape(1, t).repeat(0, b); // (B, T)
    return run(tokens, positions, AttentionMask.causal(attentionMask, 0, t), null);
  }

  /**
   * Incremental forward: appends T new tokens per row to {@code cache} and returns their logits.
   *
   * @param tokens (B, T) new token ids
   * @param positions (B, T) their rotary positions (left padding does not advance them)
   * @param valid (B, T), 1 for real tokens and 0 for padding
   * @return (B, T, V), in the manager of {@code tokens}
   */
  public NDArray forward(NDArray tokens, NDArray positions, NDArray valid, KvCache cache) {
    NDArray mask = cache.beginStep(valid, tokens.getManager());
    NDArray logits = run(tokens, positions, mask, cache);
    cache.endStep();
    return logits;
  }

  private NDArray run(NDArray tokens, NDArray positions, NDArray mask, KvCache cache) {
    NDArray x = tokens.getNDArrayInternal().embedding(tokens, embedding, SparseFormat.DENSE).singletonOrThrow(); // (B, T, D)
    NDArray[] cosSin = rope.tables(positions.toType(DataType.INT64, false)); // 2 × (B, T, 1, Dh)
    for (DecoderLayer layer : layers) {
      x = layer.forward(x, rope, cosSin[0], cosSin[1], mask, cache);
    }
    return Linear.apply(finalNorm.forward(x), outputWeight, null); // (B, T, V)
  }

  /**
   * log p(tokens[t + 1] | tokens[..t]) for every position of a right-padded batch: (B, T − 1).
   * Positions whose target is padding hold meaningless values; mask them with
   * {@code attentionMask[:, 1:]}.
   */
  public NDArray logProbs(NDArray tokens, NDArray attentionMask) {
    return logProbs(tokens, attentionMask, 1);
  }

  /** {@link #logProbs} of the distribution sampled at {@code temperature}: softmax(logits / temperature). */
  public NDArray logProbs(NDArray tokens, NDArray attentionMask, double temperature) {
    return targetLogProbs(nextTokenLogSoftmax(tokens, attentionMask, temperature), tokens);
  }

  /**
   * The full next-token distributions at {@code temperature}, log-softmaxed: (B, T − 1, V). RL
   * trains the distribution it sampled from, so it passes its sampling temperature (as veRL does).
   */
  public NDArray nextTokenLogSoftmax(NDArray tokens, NDArray attentionMask, double temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("log-probs need a temperature > 0, got " + temperature);
    }
    long t = tokens.getShape().get(1);
    NDArray logits = forward(tokens, attentionMask).get(new NDIndex(":, :{}", t - 1)); // (B, T−1, V)
    return (temperature == 1 ? logits : logits.div(Scalar.like(logits, temperature))).logSoftmax(-1);
  }

  /** Picks each next token's entry from {@code logSoftmax} (B, T − 1, V): (B, T − 1). */
  public static NDArray targetLogProbs(NDArray logSoftmax, NDArray tokens) {
    NDArray targets = tokens.get(new NDIndex(":, 1:")).toType(DataType.INT64, false).expandDims(-1); // (B, T−1, 1)
    return logSoftmax.gather(targets, -1).squeeze(-1);
  }

  @Override
  public void close() {
    manager.close();
  }
}

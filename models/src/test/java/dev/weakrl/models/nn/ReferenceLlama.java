package dev.weakrl.models.nn;

import java.util.Map;

/**
 * An independent Llama forward in plain Java doubles, one sequence at a time, written from the
 * Hugging Face modeling code's math rather than from {@link Llama}: the oracle for its logits.
 */
final class ReferenceLlama {
  private final LlamaConfig c;
  private final Map<String, double[]> w;

  ReferenceLlama(LlamaConfig c, Map<String, double[]> weights) {
    this.c = c;
    this.w = weights;
  }

  /** Logits [t][v] for one unpadded sequence. */
  double[][] forward(int[] tokens) {
    int n = tokens.length;
    int d = c.hiddenSize();
    double[][] x = new double[n][];
    for (int t = 0; t < n; t++) {
      x[t] = slice(w.get("model.embed_tokens.weight"), tokens[t] * d, d);
    }
    for (int l = 0; l < c.numLayers(); l++) {
      String p = "model.layers." + l + ".";
      double[][] attnIn = new double[n][];
      for (int t = 0; t < n; t++) {
        attnIn[t] = rmsNorm(x[t], w.get(p + "input_layernorm.weight"));
      }
      double[][] attn = attention(attnIn, p);
      for (int t = 0; t < n; t++) {
        x[t] = add(x[t], attn[t]);
        double[] h = rmsNorm(x[t], w.get(p + "post_attention_layernorm.weight"));
        double[] gate = matVec(w.get(p + "mlp.gate_proj.weight"), h, null);
        double[] up = matVec(w.get(p + "mlp.up_proj.weight"), h, null);
        double[] act = new double[gate.length];
        for (int i = 0; i < act.length; i++) {
          act[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
        }
        x[t] = add(x[t], matVec(w.get(p + "mlp.down_proj.weight"), act, null));
      }
    }
    double[] out = w.get(c.tieEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight");
    double[][] logits = new double[n][];
    for (int t = 0; t < n; t++) {
      logits[t] = matVec(out, rmsNorm(x[t], w.get("model.norm.weight")), null);
    }
    return logits;
  }

  private double[][] attention(double[][] in, String p) {
    int n = in.length;
    int dh = c.headDim();
    int heads = c.numHeads();
    double[][] q = new double[n][];
    double[][] k = new double[n][];
    double[][] v = new double[n][];
    for (int t = 0; t < n; t++) {
      q[t] = rope(matVec(w.get(p + "self_attn.q_proj.weight"), in[t], w.get(p + "self_attn.q_proj.bias")), t, heads);
      k[t] = rope(matVec(w.get(p + "self_attn.k_proj.weight"), in[t], w.get(p + "self_attn.k_proj.bias")), t, c.numKvHeads());
      v[t] = matVec(w.get(p + "self_attn.v_proj.weight"), in[t], w.get(p + "self_attn.v_proj.bias"));
    }
    double[][] out = new double[n][];
    for (int t = 0; t < n; t++) {
      double[] concat = new double[heads * dh];
      for (int h = 0; h < heads; h++) {
        int kvHead = h / c.groupSize(); // repeat_kv
        double[] scores = new double[t + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s <= t; s++) {
          double dot = 0;
          for (int i = 0; i < dh; i++) {
            dot += q[t][h * dh + i] * k[s][kvHead * dh + i];
          }
          scores[s] = dot / Math.sqrt(dh);
          max = Math.max(max, scores[s]);
        }
        double sum = 0;
        for (int s = 0; s <= t; s++) {
          scores[s] = Math.exp(scores[s] - max);
          sum += scores[s];
        }
        for (int s = 0; s <= t; s++) {
          for (int i = 0; i < dh; i++) {
            concat[h * dh + i] += scores[s] / sum * v[s][kvHead * dh + i];
          }
        }
      }
      out[t] = matVec(w.get(p + "self_attn.o_proj.weight"), concat, w.get(p + "self_attn.o_proj.bias"));
    }
    return out;
  }

  /** rotate_half convention: pairs (i, i + Dh/2) rotate by angle pos · theta^(−2i/Dh). */
  private double[] rope(double[] x, int pos, int heads) {
    int dh = c.headDim();
    double[] out = x.clone();
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < dh / 2; i++) {
        double angle = pos * Math.pow(c.ropeTheta(), -2.0 * i / dh);
        double a = x[h * dh + i];
        double b = x[h * dh + i + dh / 2];
        out[h * dh + i] = a * Math.cos(angle) - b * Math.sin(angle);
        out[h * dh + i + dh / 2] = b * Math.cos(angle) + a * Math.sin(angle);
      }
    }
    return out;
  }

  private double[] rmsNorm(double[] x, double[] weight) {
    double ms = 0;
    for (double v : x) {
      ms += v * v;
    }
    ms /= x.length;
    double inv = 1 / Math.sqrt(ms + c.rmsNormEps());
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * inv * weight[i];
    }
    return out;
  }

  /** W (rows × cols, row-major) · x + b. */
  private static double[] matVec(double[] weight, double[] x, double[] bias) {
    int rows = weight.length / x.length;
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      double sum = bias == null ? 0 : bias[r];
      for (int i = 0; i < x.length; i++) {
        sum += weight[r * x.length + i] * x[i];
      }
      out[r] = sum;
    }
    return out;
  }

  private static double[] add(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  private static double[] slice(double[] a, int from, int len) {
    double[] out = new double[len];
    System.arraycopy(a, from, out, 0, len);
    return out;
  }
}

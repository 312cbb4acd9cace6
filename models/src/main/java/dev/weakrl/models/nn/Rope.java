package dev.weakrl.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * Rotary position embeddings in the Hugging Face "rotate half" layout: for a head vector x split
 * into halves (x₁, x₂), rope(x, p) = x ⊙ cos(p θ) + (−x₂, x₁) ⊙ sin(p θ), with θᵢ = theta^(−2i/Dh)
 * (optionally Llama 3.1-scaled). Tables are computed once in double precision. The rotation
 * (−x₂, x₁) is one matmul with a signed permutation, exact in floating point (each output sums one
 * ±x and zeros), so a layer spends one op on it rather than two slices, a negation and a concat.
 */
final class Rope {
  private final NDArray cosTable; // (P, Dh)
  private final NDArray sinTable; // (P, Dh)
  private final NDArray rotateHalf; // (Dh, Dh): x · rotateHalf = (−x₂, x₁)

  private Rope(NDArray cosTable, NDArray sinTable, NDArray rotateHalf) {
    this.cosTable = cosTable;
    this.sinTable = sinTable;
    this.rotateHalf = rotateHalf;
  }

  static Rope create(LlamaConfig c, NDManager manager) {
    int dh = c.headDim();
    int positions = c.maxPositions();
    double[] invFreq = inverseFrequencies(c);
    float[] cos = new float[positions * dh];
    float[] sin = new float[positions * dh];
    for (int p = 0; p < positions; p++) {
      for (int i = 0; i < dh / 2; i++) {
        double angle = p * invFreq[i];
        float cs = (float) Math.cos(angle);
        float sn = (float) Math.sin(angle);
        cos[p * dh + i] = cs;
        cos[p * dh + i + dh / 2] = cs;
        sin[p * dh + i] = sn;
        sin[p * dh + i + dh / 2] = sn;
      }
    }
    float[] rotate = new float[dh * dh];
    for (int j = 0; j < dh / 2; j++) {
      rotate[(j + dh / 2) * dh + j] = -1; // output j < Dh/2 takes −x[j + Dh/2]
      rotate[j * dh + j + dh / 2] = 1; // output j + Dh/2 takes x[j]
    }
    Shape shape = new Shape(positions, dh);
    return new Rope(manager.create(cos, shape), manager.create(sin, shape), manager.create(rotate, new Shape(dh, dh)));
  }

  /** θᵢ for i < Dh/2, with Llama 3.1 scaling of the low frequencies when configured. */
  static double[] inverseFrequencies(LlamaConfig c) {
    int dh = c.headDim();
    double[] inv = new double[dh / 2];
    for (int i = 0; i < dh / 2; i++) {
      inv[i] = Math.pow(c.ropeTheta(), -2.0 * i / dh);
    }
    LlamaConfig.RopeScaling s = c.ropeScaling();
    if (s != null) {
      double lowWavelen = s.originalMaxPositions() / s.lowFreqFactor();
      double highWavelen = s.originalMaxPositions() / s.highFreqFactor();
      for (int i = 0; i < inv.length; i++) {
        double wavelen = 2 * Math.PI / inv[i];
        if (wavelen > lowWavelen) {
          inv[i] /= s.factor();
        } else if (wavelen >= highWavelen) {
          double smooth = (s.originalMaxPositions() / wavelen - s.lowFreqFactor())
              / (s.highFreqFactor() - s.lowFreqFactor());
          inv[i] = (1 - smooth) * inv[i] / s.factor() + smooth * inv[i];
        }
      }
    }
    return inv;
  }

  /** cos and sin rows for each position: positions (B, T) int → two arrays (B, T, 1, Dh). */
  NDArray[] tables(NDArray positions) {
    NDArray cos = positions.getNDArrayInternal().embedding(positions, cosTable, SparseFormat.DENSE).singletonOrThrow();
    NDArray sin = positions.getNDArrayInternal().embedding(positions, sinTable, SparseFormat.DENSE).singletonOrThrow();
    return new NDArray[] {cos.expandDims(2), sin.expandDims(2)};
  }

  /** x (B, T, N, Dh) rotated by its positions' angles; cos, sin (B, T, 1, Dh). */
  NDArray apply(NDArray x, NDArray cos, NDArray sin) {
    return x.mul(cos).add(x.matMul(rotateHalf).mul(sin));
  }
}

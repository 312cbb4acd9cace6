package dev.weakrl.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** MLP(x) = W_down (silu(W_gate x) ⊙ W_up x), silu(z) = z σ(z). x (B, T, D) → (B, T, D) via F. */
final class SwiGlu {
  private final NDArray gate; // (F, D)
  private final NDArray up; // (F, D)
  private final NDArray down; // (D, F)

  SwiGlu(NDArray gate, NDArray up, NDArray down) {
    this.gate = gate;
    this.up = up;
    this.down = down;
  }

  NDArray forward(NDArray x) {
    NDArray g = Linear.apply(x, gate, null); // (B, T, F)
    NDArray u = Linear.apply(x, up, null); // (B, T, F)
    return Linear.apply(g.mul(Activation.sigmoid(g)).mul(u), down, null);
  }
}

package dev.weakrl.models.nn;

import ai.djl.ndarray.NDArray;

/** y = x Wᵀ + b with W (out, in) as Hugging Face stores it; b may be null. */
final class Linear {
  private Linear() {}

  static NDArray apply(NDArray x, NDArray weight, NDArray bias) {
    return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
  }
}

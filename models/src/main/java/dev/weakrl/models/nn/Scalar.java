package dev.weakrl.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars for arithmetic that autograd records. DJL's {@code x.mul(2f)} (and {@code div},
 * {@code pow}, {@code maximum}, {@code minimum} with a number) wraps the number in a tensor over a
 * Java direct buffer and closes it as soon as the op returns. Autograd keeps that tensor for the
 * backward pass, and once the garbage collector frees the buffer the backward pass reads whatever
 * reuses the memory: a non-finite gradient now and then, silently wrong gradients in between. A
 * tensor from {@code full} lives in libtorch's memory, which autograd's reference keeps alive.
 * {@code add} and {@code sub} with a number save nothing for backward and need no care.
 */
public final class Scalar {
  private Scalar() {}

  /** {@code value} as a 0-dim tensor of {@code x}'s type, in {@code x}'s manager. */
  public static NDArray like(NDArray x, double value) {
    return x.getManager().full(new Shape(), (float) value, x.getDataType());
  }
}

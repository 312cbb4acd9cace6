package dev.weakrl.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.weakrl.models.nn.Llama;

/** Training objectives as pure functions of the model and a batch. */
public final class Losses {
  private Losses() {}

  /**
   * Mean next-token negative log-likelihood over the target positions selected by
   * {@code lossMask}: causal LM when the mask covers every real token (CPT), response-only
   * when it covers the response (SFT).
   *
   * @param tokens (B, T) right-padded token ids
   * @param attentionMask (B, T), 1 for real tokens
   * @param lossMask (B, T), 1 where the token is a target (its prediction is scored)
   */
  public static NDArray maskedNll(Llama model, NDArray tokens, NDArray attentionMask, NDArray lossMask) {
    NDArray logProbs = model.logProbs(tokens, attentionMask); // (B, T−1)
    NDArray targets = lossMask.get(new NDIndex(":, 1:")).toType(DataType.FLOAT32, false); // (B, T−1)
    return logProbs.mul(targets).sum().neg().div(targets.sum().maximum(1f));
  }
}

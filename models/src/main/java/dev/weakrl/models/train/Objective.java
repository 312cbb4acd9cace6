package dev.weakrl.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.Scalar;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a {@link Trainer} step optimises: causal LM, masked response LM or GRPO. An objective is
 * stateless across steps; everything random comes from the step's {@code random}, so a resumed
 * run sees the same data as an uninterrupted one.
 */
public interface Objective {
  /**
   * Builds step {@code step}: the optimizer updates to make (usually one), each a list of
   * micro-batches whose gradients accumulate, plus figures measured while building them.
   * Arrays go into {@code manager}, which the trainer closes at the end of the step.
   */
  Step prepare(long step, Llama model, SplittableRandom random, NDManager manager);

  /**
   * @param updates one list of micro-batches per optimizer update
   * @param figures host-side numbers for the step's metrics row (reward, sampling seconds, ...)
   * @param tokens tokens processed, for tokens/s
   */
  record Step(List<List<MicroBatch>> updates, Map<String, Double> figures, long tokens) {}

  /** One forward/backward unit. */
  interface MicroBatch {
    /** Runs the forward pass with gradients on; the loss is already weighted for accumulation. */
    Loss loss(Llama model);
  }

  /** Masked mean NLL of {@code batch} (targets only) times {@code weight}, as one micro-batch. */
  static MicroBatch nll(TokenBatch batch, double weight, NDManager manager) {
    NDArray[] arrays = batch.toArrays(manager);
    return model -> {
      NDArray nll = Losses.maskedNll(model, arrays[0], arrays[1], arrays[2]);
      return Loss.of(nll.mul(Scalar.like(nll, weight)));
    };
  }

  /**
   * A scalar loss and scalar diagnostics (KL, clip fraction, ...) averaged into the metrics row.
   * Diagnostics are read back with the loss, once per micro-batch.
   */
  record Loss(NDArray value, Map<String, NDArray> stats) {
    public static Loss of(NDArray value) {
      return new Loss(value, Map.of());
    }
  }
}

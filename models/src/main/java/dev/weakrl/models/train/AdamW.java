package dev.weakrl.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with decoupled weight decay (applied to parameters of 2+ dimensions only, as in nanoGPT)
 * and global-norm gradient clipping. The per-parameter update is DJL's fused PyTorch kernel; the
 * moments live in the optimizer's own manager and are exposed for checkpoints by {@link #state()}.
 */
public final class AdamW implements AutoCloseable {
  /** Hyper-parameters; the learning rate comes per step from the schedule. */
  public record Settings(double beta1, double beta2, double eps, double weightDecay, double maxGradNorm) {
    public static Settings defaults() {
      return new Settings(0.9, 0.95, 1e-8, 0.1, 1.0);
    }
  }

  private final Map<String, NDArray> params;
  private final Settings settings;
  private final NDManager manager;
  private final Map<String, NDArray> mean = new LinkedHashMap<>();
  private final Map<String, NDArray> variance = new LinkedHashMap<>();
  private long steps;

  public AdamW(Map<String, NDArray> params, Settings settings, NDManager parent) {
    this.params = params;
    this.settings = settings;
    this.manager = parent.newSubManager();
    params.forEach((name, p) -> {
      mean.put(name, manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
      variance.put(name, manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
    });
  }

  /**
   * Clips the gradients to {@code maxGradNorm} by their global norm, applies one update at
   * learning rate {@code lr}, and zeroes the gradients. A NaN or infinite norm updates nothing
   * (the gradients are dropped): clipping cannot repair it and it would poison the weights.
   *
   * @return the global gradient norm before clipping
   */
  public double step(double lr, NDManager scratch) {
    Map<String, NDArray> grads = new LinkedHashMap<>();
    NDArray sumSquares = null;
    for (Map.Entry<String, NDArray> e : params.entrySet()) {
      NDArray g = e.getValue().getGradient();
      g.attach(scratch); // the wrapper would otherwise accumulate in the parameters' manager
      grads.put(e.getKey(), g);
      NDArray s = g.square().sum();
      sumSquares = sumSquares == null ? s : sumSquares.add(s);
    }
    double norm = Math.sqrt(sumSquares.getFloat());
    if (!Double.isFinite(norm)) {
      zeroGradients(scratch);
      return norm;
    }
    steps++;
    float rescale = settings.maxGradNorm() > 0 && norm > settings.maxGradNorm()
        ? (float) (settings.maxGradNorm() / norm) : 1f;
    double b1 = settings.beta1();
    double b2 = settings.beta2();
    float biasCorrectedLr = (float) (lr * Math.sqrt(1 - Math.pow(b2, steps)) / (1 - Math.pow(b1, steps)));
    for (Map.Entry<String, NDArray> e : params.entrySet()) {
      NDArray p = e.getValue();
      float decay = p.getShape().dimension() >= 2 ? (float) settings.weightDecay() : 0f;
      p.getNDArrayInternal().adamUpdate(
          new NDList(p, grads.get(e.getKey()), mean.get(e.getKey()), variance.get(e.getKey())),
          new NDList(p), (float) lr, biasCorrectedLr, decay, rescale, -1f,
          (float) b1, (float) b2, (float) settings.eps(), false, true);
    }
    return norm;
  }

  /** Drops accumulated gradients without updating (a skipped step). */
  public void zeroGradients(NDManager scratch) {
    for (NDArray p : params.values()) {
      NDArray g = p.getGradient();
      g.attach(scratch);
      g.set(new ai.djl.ndarray.index.NDIndex("..."), 0f); // not g − g, which keeps NaN
    }
  }

  public long steps() {
    return steps;
  }

  /** Moments by name ({@code mean/<param>}, {@code variance/<param>}), for checkpoints. */
  public Map<String, NDArray> state() {
    Map<String, NDArray> state = new LinkedHashMap<>();
    mean.forEach((k, v) -> state.put("mean/" + k, v));
    variance.forEach((k, v) -> state.put("variance/" + k, v));
    return state;
  }

  /** Restores moments saved by {@link #state()} and the step count. */
  public void restore(Map<String, NDArray> state, long steps) {
    for (Map.Entry<String, NDArray> e : state().entrySet()) {
      NDArray saved = state.get(e.getKey());
      if (saved == null || !saved.getShape().equals(e.getValue().getShape())) {
        throw new IllegalArgumentException("optimizer state lacks or mis-shapes " + e.getKey());
      }
      e.getValue().set(saved.toByteBuffer());
    }
    this.steps = steps;
  }

  @Override
  public void close() {
    manager.close();
  }
}

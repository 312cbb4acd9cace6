package dev.weakrl.models.train;

import ai.djl.engine.Engine;
import dev.weakrl.models.nn.EngineThreads;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one way to open a gradient collector. DJL's PyTorch engine allows one open collector per
 * JVM (a static flag), so backward passes in a process are serialised here; parallel training
 * means parallel workers.
 */
public final class GradientScope implements AutoCloseable {
  private static final ReentrantLock LOCK = new ReentrantLock();
  private final GradientCollector collector;

  private GradientScope() {
    EngineThreads.ensureSet();
    LOCK.lock();
    try {
      collector = Engine.getInstance().newGradientCollector();
    } catch (RuntimeException e) {
      LOCK.unlock();
      throw e;
    }
  }

  public static GradientScope open() {
    return new GradientScope();
  }

  public void backward(ai.djl.ndarray.NDArray loss) {
    collector.backward(loss);
  }

  @Override
  public void close() {
    try {
      collector.close();
    } finally {
      LOCK.unlock();
    }
  }
}

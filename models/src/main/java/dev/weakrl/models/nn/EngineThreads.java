package dev.weakrl.models.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine's intra-op thread count: how many cores one PyTorch op may use in this process.
 *
 * <p>PyTorch's own default (every core) suits one process alone, but two processes that both
 * train on every core spin against each other, and a worker whose several DoFn threads run ops at
 * once oversubscribes its cores. The count also decides how a parallel reduction splits its work,
 * so the same weights need the same count: it is set explicitly, once per process before the
 * first op (or changed later with {@link #set}), and stage manifests record it ({@link #get}).
 *
 * <p>The count is, first to last: {@link #set}'s argument (the {@code --threads} option), the
 * environment variable {@value #ENV}, or every core this JVM may use divided by the threads that
 * run ops at once (1 for a command on this machine).
 */
public final class EngineThreads {
  /** Environment variable with the count for this process. */
  public static final String ENV = "WEAKRL_THREADS";

  private static volatile boolean set;

  private EngineThreads() {}

  /** The default count for a process where {@code concurrentCallers} threads run ops at once. */
  public static int defaultCount(int concurrentCallers) {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      try {
        return requirePositive(Integer.parseInt(env.trim()), ENV);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(ENV + "=" + env + ": expected a whole number of threads >= 1");
      }
    }
    return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, concurrentCallers));
  }

  /** Sets the count ({@code threads} > 0) or, for 0, the default for {@code concurrentCallers}. */
  public static synchronized int set(int threads, int concurrentCallers) {
    int count = threads == 0 ? defaultCount(concurrentCallers) : requirePositive(threads, "--threads");
    Engine.getInstance(); // loads the native library before the first JNI call
    JniUtils.setNumThreads(count);
    set = true;
    return count;
  }

  /** Sets the default count unless the count was set already in this process. */
  public static void ensureSet() {
    if (!set) {
      synchronized (EngineThreads.class) {
        if (!set) {
          set(0, 1);
        }
      }
    }
  }

  /** The count in force (after setting the default if nothing set one yet). */
  public static int get() {
    ensureSet();
    return JniUtils.getNumThreads();
  }

  private static int requirePositive(int threads, String source) {
    if (threads < 1) {
      throw new IllegalArgumentException(source + "=" + threads + ": expected a whole number of threads >= 1");
    }
    return threads;
  }
}

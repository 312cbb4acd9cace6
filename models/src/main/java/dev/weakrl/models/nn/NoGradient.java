package dev.weakrl.models.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope in which PyTorch records no autograd graph on this thread; the previous mode comes back
 * on close. PyTorch's grad mode is per thread and on by default, and DJL turns it off only on the
 * thread that started the engine: on a Beam worker thread a forward pass without this scope would
 * record a graph (slow, and a gradient path through values meant to be constants).
 */
public final class NoGradient implements AutoCloseable {
  private final boolean previous;

  private NoGradient() {
    EngineThreads.ensureSet(); // loads the native library before the first JNI call
    previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  public static NoGradient open() {
    return new NoGradient();
  }

  /** Whether this thread records gradients now (for tests and assertions). */
  public static boolean isRecording() {
    EngineThreads.ensureSet();
    return JniUtils.isGradMode();
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}

package dev.weakrl.pipelines;

import dev.weakrl.models.nn.EngineThreads;
import org.apache.beam.runners.dataflow.options.DataflowPipelineDebugOptions;
import org.apache.beam.sdk.harness.JvmInitializer;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Sets the engine's intra-op threads on each worker JVM before it processes anything: {@code
 * --threads}, else {@code $WEAKRL_THREADS}, else the worker's cores divided by its DoFn threads
 * ({@code --numberOfWorkerHarnessThreads} when given), so that DoFn threads running ops at once
 * do not oversubscribe the cores. On this machine the command line sets them ({@link #apply}).
 */
public final class EngineThreadsInitializer implements JvmInitializer {
  @Override
  public void beforeProcessing(PipelineOptions options) {
    int harnessThreads = options.as(DataflowPipelineDebugOptions.class).getNumberOfWorkerHarnessThreads();
    EngineThreads.set(options.as(WeakrlOptions.class).getThreads(), Math.max(1, harnessThreads));
  }

  /** Sets the threads of this process (the DirectRunner's) from {@code --threads}. */
  public static void apply(WeakrlOptions options) {
    EngineThreads.set(options.getThreads(), 1);
  }
}

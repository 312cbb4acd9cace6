package dev.weakrl.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** What every weakrl pipeline takes: where its run lives. */
public interface WeakrlOptions extends PipelineOptions {
  @Description("Run directory (local or gs://): stages go to <out>/stages/<stage>-<key>/, evaluations to <out>/eval/")
  @Default.String("runs")
  String getOut();

  void setOut(String value);

  @Description("Engine intra-op threads per process (0: $WEAKRL_THREADS, else every core divided by the worker's"
      + " DoFn threads, --numberOfWorkerHarnessThreads on Dataflow); recorded in stage manifests")
  @Default.Integer(0)
  int getThreads();

  void setThreads(int value);
}

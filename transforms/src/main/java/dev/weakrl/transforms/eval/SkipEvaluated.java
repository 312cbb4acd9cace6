package dev.weakrl.transforms.eval;

import dev.weakrl.study.eval.CheckpointKey;
import dev.weakrl.study.eval.EvalManifest;
import dev.weakrl.transforms.Counters;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Checkpoint directories in, those without a complete evaluation of {@code identity} under
 * {@code <out>/eval/} out ({@link EvalManifest}): a rerun evaluates only what is new. Metric
 * {@code evaluations_reused}.
 */
public final class SkipEvaluated extends PTransform<PCollection<String>, PCollection<String>> {
  public static final String REUSED = "evaluations_reused";
  private final String out;
  private final String identity;

  public SkipEvaluated(String out, String identity) {
    this.out = out;
    this.identity = identity;
  }

  /** Checkpoints a finished pipeline found evaluated already, summed over every SkipEvaluated step. */
  public static long reused(PipelineResult result) {
    return Counters.committed(result, SkipEvaluated.class, REUSED);
  }

  @Override
  public PCollection<String> expand(PCollection<String> checkpoints) {
    return checkpoints.apply("Unevaluated", ParDo.of(new Unevaluated(out, identity)));
  }

  static final class Unevaluated extends DoFn<String, String> {
    private final Counter reused = Metrics.counter(SkipEvaluated.class, REUSED);
    private final String out;
    private final String identity;

    Unevaluated(String out, String identity) {
      this.out = out;
      this.identity = identity;
    }

    @ProcessElement
    public void process(@Element String checkpoint, OutputReceiver<String> output) {
      if (EvalManifest.isComplete(EvalManifest.dir(out, CheckpointKey.of(checkpoint)), identity)) {
        reused.inc();
      } else {
        output.output(checkpoint);
      }
    }
  }
}

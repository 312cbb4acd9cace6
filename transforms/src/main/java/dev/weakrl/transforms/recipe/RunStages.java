package dev.weakrl.transforms.recipe;

import dev.weakrl.study.stages.StageManifest;
import dev.weakrl.transforms.Counters;
import java.time.Instant;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.resourcehints.ResourceHints;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Runs training stages, each distinct {@link StageRun} once, and outputs their stage directories.
 * Equal runs are merged first, so a stage that many grid cells need trains once; a reshuffle then
 * spreads the runs over workers, so independent stages train in parallel on different workers.
 *
 * <p>Inside one worker process, training is serial however many DoFn threads run: DJL allows one
 * gradient collector per JVM, and {@code GradientScope} serialises backward passes (sampling
 * still overlaps). Parallel training means parallel workers.
 *
 * <p>Metrics: {@code stages_trained} (ran now) and {@code stages_reused} (already complete under
 * {@code out}, from an earlier run).
 */
public final class RunStages extends PTransform<PCollection<StageRun>, PCollection<String>> {
  private final String out;
  private final String accelerator;

  private RunStages(String out, String accelerator) {
    this.out = out;
    this.accelerator = accelerator;
  }

  /** Stage directories go to {@code <out>/stages/}. */
  public static final String TRAINED = "stages_trained";
  public static final String REUSED = "stages_reused";

  /** A counter of a finished pipeline ({@link #TRAINED} or {@link #REUSED}), summed over every RunStages step. */
  public static long count(PipelineResult result, String counter) {
    return Counters.committed(result, RunStages.class, counter);
  }

  public static RunStages in(String out) {
    return new RunStages(out, "");
  }

  /**
   * Asks the runner for an accelerator where stages train, in Beam's hint syntax, e.g. {@code
   * type:nvidia-l4;count:1;install-nvidia-driver}; empty for none.
   */
  public RunStages withAccelerator(String accelerator) {
    return new RunStages(out, accelerator);
  }

  @Override
  public PCollection<String> expand(PCollection<StageRun> runs) {
    // One training bundle per worker at a time: DJL allows one gradient collector per JVM, so more
    // would only queue behind GradientScope while holding their models' memory.
    ResourceHints hints = ResourceHints.create().withMaxActiveBundlesPerWorker(1);
    ParDo.SingleOutput<StageRun, String> train = ParDo.of(new TrainStage(out));
    train.setResourceHints(accelerator.isEmpty() ? hints : hints.withAccelerator(accelerator));
    return runs
        .apply("MergeEqualRuns", Distinct.withRepresentativeValueFn(StageRun::id)
            .withRepresentativeType(TypeDescriptors.strings()))
        .apply("SpreadRuns", Reshuffle.viaRandomKey())
        .apply("Train", train)
        .setCoder(StringUtf8Coder.of());
  }

  /** Runs one stage through its runner (which skips a complete stage); outputs its directory. */
  static final class TrainStage extends DoFn<StageRun, String> {
    private final Counter trained = Metrics.counter(RunStages.class, TRAINED);
    private final Counter reused = Metrics.counter(RunStages.class, REUSED);
    private final String out;

    TrainStage(String out) {
      this.out = out;
    }

    @ProcessElement
    public void process(@Element StageRun run, OutputReceiver<String> output) {
      Instant before = Instant.now();
      String dir = run.run(out, System.err::println);
      boolean ranNow = !Instant.parse(StageManifest.read(dir).path("timings").path("started").asText()).isBefore(before);
      (ranNow ? trained : reused).inc();
      output.output(dir);
    }
  }
}

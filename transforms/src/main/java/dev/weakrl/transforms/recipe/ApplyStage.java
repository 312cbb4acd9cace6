package dev.weakrl.transforms.recipe;

import dev.weakrl.study.stages.StageOptions;
import java.util.List;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * One level of the recipe: trains a stage with each of its options on every input stage directory
 * and outputs the new stage directories (through {@link RunStages}, so equal runs train once).
 * With {@link #keepingInputs()} the inputs also pass through unchanged: the "off" arm of a grid
 * axis (no CPT, no SFT).
 */
public final class ApplyStage extends PTransform<PCollection<String>, PCollection<String>> {
  private final List<StageOptions> options;
  private final RunStages runStages;
  private final boolean keepInputs;

  private ApplyStage(List<? extends StageOptions> options, RunStages runStages, boolean keepInputs) {
    this.options = List.copyOf(options);
    this.runStages = runStages;
    this.keepInputs = keepInputs;
  }

  /** Every input × every options record, run by {@code runStages}. */
  public static ApplyStage with(List<? extends StageOptions> options, RunStages runStages) {
    return new ApplyStage(options, runStages, false);
  }

  public ApplyStage keepingInputs() {
    return new ApplyStage(options, runStages, true);
  }

  @Override
  public PCollection<String> expand(PCollection<String> inputs) {
    List<StageOptions> each = options;
    PCollection<String> trained = inputs
        .apply("PairWithOptions", FlatMapElements.into(TypeDescriptor.of(StageRun.class))
            .via(input -> each.stream().map(o -> new StageRun(o, input)).toList()))
        .apply("RunStages", runStages);
    return keepInputs
        ? PCollectionList.of(inputs).and(trained).apply("WithInputs", Flatten.pCollections())
        : trained;
  }
}

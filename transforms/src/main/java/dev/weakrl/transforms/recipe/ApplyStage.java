package dev.weakrl.transforms.recipe;

import dev.weakrl.study.stages.StageOptions;
import java.util.List;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * One level of the recipe: trains a stage with each of its options on every input stage directory
 * and outputs the new stage directories (through {@link RunStages}, so equal runs train once).
 */
public final class ApplyStage extends PTransform<PCollection<String>, PCollection<String>> {
  private final List<StageOptions> options;
  private final RunStages runStages;

  private ApplyStage(List<? extends StageOptions> options, RunStages runStages) {
    this.options = List.copyOf(options);
    this.runStages = runStages;
  }

  /** Every input × every options record, run by {@code runStages}. */
  public static ApplyStage with(List<? extends StageOptions> options, RunStages runStages) {
    return new ApplyStage(options, runStages);
  }

  @Override
  public PCollection<String> expand(PCollection<String> inputs) {
    List<StageOptions> each = options;
    return inputs
        .apply("PairWithOptions", FlatMapElements.into(TypeDescriptor.of(StageRun.class))
            .via(input -> each.stream().map(o -> new StageRun(o, input)).toList()))
        .apply("RunStages", runStages);
  }
}

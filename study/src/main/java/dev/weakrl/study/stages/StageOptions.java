package dev.weakrl.study.stages;

import dev.weakrl.common.options.OptionRecords;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A training stage's options record, which also knows how to run its stage: what a pipeline
 * element carries so that one DoFn can run any stage ({@code RunStages} in transforms/recipe).
 */
public interface StageOptions extends Serializable {
  /** The stage's name: the directory prefix in {@code <out>/stages/<stage>-<key>/}. */
  String stage();

  /**
   * Runs the stage on {@code input} (an input stage directory; empty for a stage that takes none)
   * unless its manifest is already complete; returns its directory.
   */
  String run(String out, String input, Consumer<String> log);

  /** The stage run these options make from inputs with the given keys: its key and directory. */
  default StageSpec spec(List<String> inputKeys) {
    return StageSpec.of(stage(), (Record) this, inputKeys);
  }

  /**
   * {@code options} with some options changed, by name (values typed, or text as on the command
   * line): how the recipe, the grid and the tests derive a stage's options from its defaults.
   * Errors name the option as the recipe's command line does ({@code --rlvr.lr}).
   */
  static <T extends Record & StageOptions> T with(T options, Map<String, ?> changes) {
    return OptionRecords.with(options, changes, options.stage() + ".");
  }

  /** {@code with(this, Map.of(option, value))}, for one change. */
  @SuppressWarnings("unchecked")
  default <T extends Record & StageOptions> T with(String option, Object value) {
    return with((T) this, Map.of(option, value));
  }
}

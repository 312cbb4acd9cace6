package dev.weakrl.study.stages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import java.io.Serializable;
import java.util.Arrays;
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
   * {@code options} with some fields changed, by field name (values as JSON would give them):
   * how the recipe and the grid derive a stage's options from its defaults.
   */
  @SuppressWarnings("unchecked")
  static <T extends Record & StageOptions> T with(T options, Map<String, ?> changes) {
    ObjectNode fields = Json.MAPPER.valueToTree(options);
    for (Map.Entry<String, ?> change : changes.entrySet()) {
      if (!fields.has(change.getKey())) {
        throw new IllegalArgumentException(options.stage() + " has no option '" + change.getKey() + "' (options: "
            + Arrays.stream(options.getClass().getRecordComponents()).map(c -> c.getName()).toList() + ")");
      }
      fields.set(change.getKey(), Json.MAPPER.valueToTree(change.getValue()));
    }
    try {
      return (T) Json.MAPPER.treeToValue(fields, options.getClass());
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(options.stage() + " options " + changes + ": " + e.getMessage(), e);
    }
  }
}

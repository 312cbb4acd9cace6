package dev.weakrl.transforms.recipe;

import dev.weakrl.study.stages.StageOptions;
import java.io.Serializable;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * One training stage to run: its options (which name the stage) and its input stage directory
 * (empty for the base). Small and immutable, so it travels as a pipeline element.
 */
@DefaultCoder(SerializableCoder.class)
public record StageRun(StageOptions options, String input) implements Serializable {
  public StageRun {
    if (input == null) {
      throw new IllegalArgumentException(options.stage() + ": input stage directory is null (use \"\" for none)");
    }
  }

  /** Equal for equal runs: the options record's text (every field) and the input directory. */
  public String id() {
    return options + " <- " + input;
  }

  /** Runs the stage unless its directory under {@code out} is complete; returns the directory. */
  public String run(String out, Consumer<String> log) {
    return options.run(out, input, log);
  }
}

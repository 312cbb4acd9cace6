package dev.weakrl.transforms.recipe;

import dev.weakrl.common.Storage;
import dev.weakrl.study.stages.StageManifest;
import dev.weakrl.study.stages.StageOptions;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A stage that trains nothing, through the real {@link StageManifest#runOnce}: it writes {@code
 * value.txt}, or throws while a file {@code fail} exists in the run directory.
 */
record FakeStage(String name, int value) implements StageOptions {
  static final String FAIL = "fail";

  @Override
  public String stage() {
    return name;
  }

  @Override
  public String run(String out, String input, Consumer<String> log) {
    List<String> inputs = input.isEmpty() ? List.of() : List.of(input);
    List<String> inputKeys = inputs.stream().map(d -> StageManifest.read(d).path("key").asText()).toList();
    return StageManifest.runOnce(out, spec(inputKeys), inputs, dir -> {
      if (Storage.exists(Storage.resolve(out, FAIL))) {
        throw new IllegalStateException(name + " failed on purpose");
      }
      Storage.writeString(Storage.resolve(dir, "value.txt"), String.valueOf(value));
      return Map.of("value", (double) value);
    }, log);
  }
}

package dev.weakrl.pipelines.recipe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Named sets of stage options for the recipe and the grid ({@code --preset NAME}), applied under
 * a grid spec's and the command line's. Without one, every stage runs its own defaults (sized so
 * the recipe fits about 10 minutes on 2 CPU cores).
 */
public final class Presets {
  private Presets() {}

  /**
   * {@code paper}: the study's RL setup (64 prompts x 8 responses a step, 500 steps, evaluation every
   * 25 steps); the other settings (temperature 1, clip 0.2, KL 0.001 k3) are already the defaults.
   */
  static final Map<String, Map<String, String>> PRESETS = Map.of(
      "paper", orderedMap("rlvr.prompts", "64", "rlvr.group", "8", "rlvr.steps", "500", "rlvr.checkpointEvery", "25"));

  /** The preset's stage options; empty for {@code ""}; an unknown name is an error naming the known ones. */
  public static Map<String, String> get(String name) {
    if (name.isEmpty()) {
      return Map.of();
    }
    Map<String, String> preset = PRESETS.get(name);
    if (preset == null) {
      throw new IllegalArgumentException("--preset " + name + ": no such preset (presets: " + PRESETS.keySet() + ")");
    }
    return preset;
  }

  /** One line per preset, for {@code --help}. */
  public static String describe() {
    return "Presets (--preset NAME):\n" + PRESETS.entrySet().stream()
        .map(e -> "  " + e.getKey() + ": " + e.getValue().entrySet().stream()
            .map(o -> "--" + o.getKey() + "=" + o.getValue()).collect(Collectors.joining(" ")))
        .collect(Collectors.joining("\n"));
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}

package dev.weakrl.pipelines.grid;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.datasets.weak.WeakVariant;
import dev.weakrl.study.stages.RewardModes;
import dev.weakrl.study.stages.SftStage;
import java.util.List;
import java.util.Map;

/**
 * The axes of the ablation grid, read from a JSON file:
 *
 * <pre>{@code
 * {"base": [{}], "cpt": [false, true], "sft": ["none", "thinking", "nonthinking"],
 *  "weak": ["verifiable", "scarce-16", "noisy-0.4", "majority", "self-certainty"], "seeds": [1, 2],
 *  "options": {"rlvr.steps": 100}}
 * }</pre>
 *
 * @param base base models, each as changes to the recipe's base options (e.g. {@code {"steps":
 *     600}}); default one, the recipe's
 * @param cpt {@code false}: no continual pre-training; {@code true}: CPT on the domain corpus
 * @param sft {@code none}, {@code thinking}, {@code nonthinking}
 * @param weak weak settings of RLVR: {@code scarce-N} (N training problems), {@code noisy-G} (a
 *     fraction G of wrong labels), or a reward mode ({@code verifiable}, {@code majority}, {@code
 *     self-certainty}, {@code random}, {@code format})
 * @param seeds RLVR seeds (problem order and sampling)
 * @param options stage options every cell shares, as on the command line without the dashes
 *     ({@code {"rlvr.lr": 3e-4, "sft.steps": 800}}); the command line's win over them
 */
public record GridSpec(List<Map<String, Object>> base, List<Boolean> cpt, List<String> sft, List<String> weak,
    List<Long> seeds, Map<String, Object> options) {
  public static final String NO_SFT = "none";

  public GridSpec {
    base = base == null ? List.of(Map.of()) : List.copyOf(base);
    cpt = cpt == null ? List.of(true) : List.copyOf(cpt);
    sft = sft == null ? List.of("thinking") : List.copyOf(sft);
    weak = weak == null ? List.of("verifiable") : List.copyOf(weak);
    seeds = seeds == null ? List.of(1L) : List.copyOf(seeds);
    options = options == null ? Map.of() : Map.copyOf(options);
    for (String variant : sft) {
      if (!variant.equals(NO_SFT) && !SftStage.VARIANTS.contains(variant)) {
        throw new IllegalArgumentException("sft: expected none, thinking or nonthinking, got '" + variant + "'");
      }
    }
    weak.forEach(GridSpec::rlvrChanges);
    if (base.isEmpty() || cpt.isEmpty() || sft.isEmpty() || weak.isEmpty() || seeds.isEmpty()) {
      throw new IllegalArgumentException("every axis needs at least one value (leave an axis out for its default)");
    }
  }

  /** Reads a spec file (local or gs://); errors name the file. */
  public static GridSpec read(String path) {
    try {
      return Json.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(Storage.readString(path), GridSpec.class);
    } catch (Exception e) {
      throw new IllegalArgumentException("--spec " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The RLVR option changes a weak setting stands for: {@code scarce-N} and {@code noisy-G} as
   * {@link WeakVariant} parses them, or a reward mode.
   */
  static Map<String, Object> rlvrChanges(String setting) {
    if (setting.startsWith("scarce-") || setting.startsWith("noisy-")) {
      WeakVariant variant = WeakVariant.parse(setting);
      return variant.kind() == WeakVariant.Kind.SCARCE
          ? Map.of("reward", "verifiable", "scarce", variant.scarceN())
          : Map.of("reward", "noisy", "noise", variant.noisyGamma());
    }
    if (!RewardModes.MODES.contains(setting) || setting.equals("noisy")) {
      throw new IllegalArgumentException("weak setting '" + setting + "': expected scarce-N, noisy-G or one of "
          + RewardModes.MODES.stream().filter(m -> !m.equals("noisy")).toList());
    }
    return Map.of("reward", setting);
  }
}

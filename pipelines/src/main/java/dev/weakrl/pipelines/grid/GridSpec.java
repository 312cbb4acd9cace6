package dev.weakrl.pipelines.grid;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.datasets.weak.WeakVariant;
import dev.weakrl.study.analysis.Claims;
import dev.weakrl.study.stages.RewardModes;
import dev.weakrl.study.stages.SftStage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The axes of the ablation grid or the study, read from a JSON file:
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
 * @param arms the pre-RL models as a list instead of the product {@code cpt} × {@code sft}: {@code
 *     [{"cpt": false, "sft": "none"}, {"cpt": true, "sft": "thinking"}]}
 * @param weak weak settings of RLVR: {@code scarce-N} (N training problems), {@code noisy-G} (a
 *     fraction G of wrong labels), or a reward mode ({@code verifiable}, {@code majority}, {@code
 *     self-certainty}, {@code random}, {@code format}, {@code thinking-format})
 * @param seeds RLVR seeds (problem order and sampling)
 * @param seedsBySetting seeds of the weak settings named here, instead of {@code seeds}
 * @param benchmarks the evaluation benchmarks (as {@code --benchmarks}); null: {@code --benchmarks}
 * @param claims the study's claims' thresholds, by name ({@link Claims.Thresholds}); unnamed ones
 *     keep their defaults
 * @param options stage options every cell shares, as on the command line without the dashes
 *     ({@code {"rlvr.lr": 3e-4, "sft.steps": 800}}); the command line's win over them
 */
public record GridSpec(List<Map<String, Object>> base, List<Boolean> cpt, List<String> sft, List<Arm> arms,
    List<String> weak, List<Long> seeds, Map<String, List<Long>> seedsBySetting, String benchmarks,
    Map<String, Object> claims, Map<String, Object> options) {
  public static final String NO_SFT = "none";
  /** The embedded study's spec, {@code examples/study.json}, as the build copies it onto the classpath. */
  public static final String STUDY_RESOURCE = "/weakrl/examples/study.json";

  /** One pre-RL model: continual pre-training or not, then an SFT variant or {@link #NO_SFT}. */
  public record Arm(boolean cpt, String sft) {
    public Arm {
      if (sft == null || !sft.equals(NO_SFT) && !SftStage.VARIANTS.contains(sft)) {
        throw new IllegalArgumentException("sft: expected none, thinking or nonthinking, got '" + sft + "'");
      }
    }
  }

  public GridSpec {
    if (arms != null && (cpt != null || sft != null)) {
      throw new IllegalArgumentException("give either arms or the cpt and sft axes, not both");
    }
    base = base == null ? List.of(Map.of()) : List.copyOf(base);
    if (arms == null) {
      List<Arm> product = new ArrayList<>();
      for (boolean c : cpt == null ? List.of(true) : cpt) {
        for (String s : sft == null ? List.of("thinking") : sft) {
          product.add(new Arm(c, s));
        }
      }
      arms = product;
    }
    arms = List.copyOf(arms);
    cpt = arms.stream().map(Arm::cpt).distinct().toList();
    sft = arms.stream().map(Arm::sft).distinct().toList();
    weak = weak == null ? List.of("verifiable") : List.copyOf(weak);
    seeds = seeds == null ? List.of(1L) : List.copyOf(seeds);
    seedsBySetting = seedsBySetting == null ? Map.of() : Map.copyOf(seedsBySetting);
    claims = claims == null ? Map.of() : Map.copyOf(claims);
    options = options == null ? Map.of() : Map.copyOf(options);
    weak.forEach(GridSpec::rlvrChanges);
    for (var e : seedsBySetting.entrySet()) {
      if (!weak.contains(e.getKey())) {
        throw new IllegalArgumentException("seedsBySetting: '" + e.getKey() + "' is not a weak setting of this spec "
            + weak);
      }
      if (e.getValue().isEmpty()) {
        throw new IllegalArgumentException("seedsBySetting: '" + e.getKey() + "' needs at least one seed");
      }
    }
    thresholds(claims);
    if (base.isEmpty() || arms.isEmpty() || weak.isEmpty() || seeds.isEmpty()) {
      throw new IllegalArgumentException("every axis needs at least one value (leave an axis out for its default)");
    }
  }

  /** Reads a spec file (local or gs://); errors name the file. */
  public static GridSpec read(String path) {
    try {
      return parse(Storage.readString(path));
    } catch (Exception e) {
      throw new IllegalArgumentException("--spec " + path + ": " + e.getMessage(), e);
    }
  }

  /** The embedded study's spec ({@code examples/study.json}). */
  public static GridSpec study() {
    try (InputStream in = GridSpec.class.getResourceAsStream(STUDY_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(STUDY_RESOURCE + " is not on the classpath: rebuild (mvn install)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("reading " + STUDY_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  private static GridSpec parse(String json) throws IOException {
    return Json.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json, GridSpec.class);
  }

  /** The seeds of one weak setting. */
  public List<Long> seedsOf(String setting) {
    return seedsBySetting.getOrDefault(setting, seeds);
  }

  /** The claims' thresholds this spec names, over the defaults. */
  public Claims.Thresholds thresholds() {
    return thresholds(claims);
  }

  private static Claims.Thresholds thresholds(Map<String, Object> claims) {
    try {
      return OptionRecords.with(Claims.Thresholds.defaults(), claims);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("claims: " + e.getMessage(), e);
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

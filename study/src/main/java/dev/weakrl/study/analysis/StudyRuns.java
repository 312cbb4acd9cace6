package dev.weakrl.study.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.stages.StageManifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RL runs as the claims read them ({@link Claims.Run}): arm from the lineage, setting from the options. */
public final class StudyRuns {
  private StudyRuns() {}

  public static List<Claims.Run> of(List<RunDynamics> dynamics, List<ProbeResult> probes) {
    return dynamics.stream().map(d -> of(d, probes)).toList();
  }

  static Claims.Run of(RunDynamics d, List<ProbeResult> probes) {
    RlRun run = d.run();
    SaturationPoint p = d.saturation().point();
    Optional<ProbeResult> preRl = ProbeResult.preRl(probes, run.name());
    return new Claims.Run(run.name(), arm(run.inputDir()), setting(run.options()),
        Long.parseLong(run.options().getOrDefault("seed", "0")), p.regime(),
        p.saturationStep().isPresent() ? p.saturationStep().getAsLong() : null,
        d.saturation().meanDeltaSat(Benchmark.HELD_OUT), run.gain(Benchmark.HELD_OUT),
        preRl.map(r -> r.faithfulness().faithful()).orElse(Double.NaN),
        preRl.map(r -> r.meanDiversity(false)).orElse(Double.NaN));
  }

  /**
   * The pre-RL model's arm by its stage lineage: {@code base}, {@code cpt}, {@code thinking},
   * {@code nonthinking}, or {@code cpt+thinking} / {@code cpt+nonthinking} for SFT after CPT.
   */
  static String arm(String preRlStageDir) {
    JsonNode manifest = StageManifest.read(preRlStageDir);
    String stage = manifest.path("stage").asText();
    if (!stage.equals("sft")) {
      return stage;
    }
    String variant = manifest.path("options").path("variant").asText();
    JsonNode inputs = manifest.path("inputs");
    boolean afterCpt = inputs.size() > 0 && StageManifest.read(inputs.get(0).asText()).path("stage").asText()
        .equals("cpt");
    return afterCpt ? "cpt+" + variant : variant;
  }

  /** The weak setting as the grid names it: {@code scarce-N}, {@code noisy-G}, or the reward mode. */
  static String setting(Map<String, String> options) {
    if (Integer.parseInt(options.getOrDefault("scarce", "0")) > 0) {
      return "scarce-" + options.get("scarce");
    }
    String reward = options.getOrDefault("reward", "");
    return reward.equals("noisy") ? "noisy-" + options.get("noise") : reward;
  }
}

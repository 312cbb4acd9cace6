package dev.weakrl.study.analysis;

import java.io.Serializable;

/**
 * Everything the analysis stage is configured by.
 *
 * @param metric the evaluation summary column read as M (e.g. {@code avg_at_k}, {@code greedy_accuracy})
 * @param judge the LLM judge for faithfulness and strategies; null: the domains' step checkers and
 *     step signatures
 * @param claims the study's claims' thresholds
 */
public record AnalysisConfig(SaturationSettings saturation, ProbeSettings probe, String metric,
    JudgeClient.Config judge, Claims.Thresholds claims) implements Serializable {
  public static final String DEFAULT_METRIC = "avg_at_k";

  public AnalysisConfig withSaturation(SaturationSettings s) {
    return new AnalysisConfig(s, probe, metric, judge, claims);
  }

  public AnalysisConfig withClaims(Claims.Thresholds t) {
    return new AnalysisConfig(saturation, probe, metric, judge, t);
  }

  public String scorerName() {
    return judge == null ? "step-checker" : "judge:" + judge.model();
  }
}

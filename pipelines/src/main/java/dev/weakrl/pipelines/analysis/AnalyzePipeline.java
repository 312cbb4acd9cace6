package dev.weakrl.pipelines.analysis;

import dev.weakrl.common.Storage;
import dev.weakrl.study.analysis.AnalysisConfig;
import dev.weakrl.study.analysis.AnalysisReport;
import dev.weakrl.study.analysis.Claims;
import dev.weakrl.study.analysis.JudgeClient;
import dev.weakrl.study.analysis.ProbeSettings;
import dev.weakrl.study.analysis.RlRuns;
import dev.weakrl.study.analysis.SaturationSettings;
import dev.weakrl.transforms.analysis.AnalyzeRuns;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;

/** {@code ./weakrl analyze --run DIR}: every complete RL run of DIR analysed into {@code DIR/analysis/}. */
public final class AnalyzePipeline {
  private AnalyzePipeline() {}

  /** Runs the analysis; returns the report's path. */
  public static String run(AnalyzeOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options);
    pipeline.run().waitUntilFinish();
    return reportPath(runDir(options));
  }

  /** Where the analysis of the run directory {@code out} writes its report. */
  public static String reportPath(String out) {
    return Storage.resolve(AnalysisReport.dir(out), AnalysisReport.REPORT);
  }

  public static PCollection<String> buildPipeline(Pipeline pipeline, AnalyzeOptions o) {
    String out = runDir(o);
    List<String> runs = RlRuns.find(out);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("--run " + out + ": no complete rlvr stage under " + Storage.resolve(out, "stages"));
    }
    return pipeline.apply("RlRuns", Create.of(runs)).apply("AnalyzeRuns", AnalyzeRuns.of(out, config(o, out)));
  }

  /** --run, else --out. */
  static String runDir(AnalyzeOptions o) {
    return o.getRun().isEmpty() ? o.getOut() : o.getRun();
  }

  /** The options as the composite's configuration; bad values fail naming their option. */
  public static AnalysisConfig config(AnalyzeOptions o, String out) {
    List<String> checkpoints = Arrays.stream(o.getProbeCheckpoints().split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
    JudgeClient.Config judge = null;
    if (!o.getJudgeUrl().isEmpty()) {
      if (o.getJudgeModel().isEmpty()) {
        throw new IllegalArgumentException("--judgeUrl needs --judgeModel");
      }
      String cache = o.getJudgeCache().isEmpty() ? Storage.resolve(AnalysisReport.dir(out), "judge-cache") : o.getJudgeCache();
      judge = new JudgeClient.Config(o.getJudgeUrl(), o.getJudgeModel(), o.getJudgeKeyEnv(),
          Duration.ofSeconds(o.getJudgeTimeoutSeconds()), o.getJudgeAttempts(), Duration.ofSeconds(1), cache);
    }
    return new AnalysisConfig(
        new SaturationSettings(o.getEpsilon(), o.getTail(), o.getRapidBelow(), o.getSmooth()),
        new ProbeSettings(o.getProbePrompts(), o.getProbeRollouts(), checkpoints, o.getDistinctN(), o.getProbeSeed()),
        o.getMetric(), judge, Claims.Thresholds.defaults());
  }
}

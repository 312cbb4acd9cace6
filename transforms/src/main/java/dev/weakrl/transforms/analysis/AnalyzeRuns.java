package dev.weakrl.transforms.analysis;

import dev.weakrl.study.analysis.AnalysisConfig;
import dev.weakrl.study.analysis.AnalysisReport;
import dev.weakrl.study.analysis.FaithfulnessScorer;
import dev.weakrl.study.analysis.JudgeClient;
import dev.weakrl.study.analysis.ProbeResult;
import dev.weakrl.study.analysis.RlRun;
import dev.weakrl.study.analysis.RlRuns;
import dev.weakrl.study.analysis.RolloutProbe;
import dev.weakrl.study.analysis.StrategyComparator;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The analysis stage: RL stage directories in, {@code <out>/analysis/report.html} out. Loads each
 * run's metrics and evaluations, probes its pre-RL model and chosen checkpoints for faithfulness
 * and diversity (one work item per checkpoint, spread by a {@code Reshuffle}), then writes the
 * tables, figures and report in one step. The recipe and grid append it as their last stage with
 * the RL stage directories they produced (after their evaluations finished).
 */
public final class AnalyzeRuns extends PTransform<PCollection<String>, PCollection<String>> {
  private final String out;
  private final AnalysisConfig config;

  private AnalyzeRuns(String out, AnalysisConfig config) {
    this.out = out;
    this.config = config;
  }

  /** Analyses RL runs of the {@code out} directory (their metrics, {@code <out>/eval}), writing {@code <out>/analysis}. */
  public static AnalyzeRuns of(String out, AnalysisConfig config) {
    return new AnalyzeRuns(out, config);
  }

  @Override
  public PCollection<String> expand(PCollection<String> runDirs) {
    String runsOut = out;
    String metric = config.metric();
    PCollection<RlRun> runs = runDirs
        .apply("LoadRuns", MapElements.into(TypeDescriptor.of(RlRun.class)).via(dir -> RlRuns.load(runsOut, dir, metric)))
        .setCoder(SerializableCoder.of(RlRun.class));
    AnalysisConfig settings = config;
    PCollection<ProbeResult> probes = runs
        .apply("ProbeRequests", FlatMapElements.into(TypeDescriptor.of(RolloutProbe.Request.class))
            .via(run -> RolloutProbe.requests(run, settings.probe())))
        .setCoder(SerializableCoder.of(RolloutProbe.Request.class))
        .apply("SpreadCheckpoints", Reshuffle.viaRandomKey())
        .apply("ProbeCheckpoints", ParDo.of(new ProbeFn(config)))
        .setCoder(SerializableCoder.of(ProbeResult.class));
    PCollectionView<List<RlRun>> allRuns = runs.apply("RunsAsList", View.asList());
    PCollectionView<List<ProbeResult>> allProbes = probes.apply("ProbesAsList", View.asList());
    return runDirs.getPipeline()
        .apply("AnalysisDir", Create.of(AnalysisReport.dir(out)).withCoder(StringUtf8Coder.of()))
        .apply("WriteReport", ParDo.of(new WriteReportFn(config))
            .withSideInput(WriteReportFn.RUNS, allRuns).withSideInput(WriteReportFn.PROBES, allProbes));
  }

  /** Samples and scores one checkpoint; the scorers are built once per worker. */
  static final class ProbeFn extends DoFn<RolloutProbe.Request, ProbeResult> {
    private final AnalysisConfig config;
    private final Counter probed = Metrics.counter(AnalyzeRuns.class, "checkpoints_probed");
    private transient FaithfulnessScorer scorer;
    private transient StrategyComparator strategies;

    ProbeFn(AnalysisConfig config) {
      this.config = config;
    }

    @Setup
    public void setup() {
      if (config.judge() == null) {
        scorer = FaithfulnessScorer.stepCheckers();
        strategies = StrategyComparator.stepSignatures();
      } else {
        JudgeClient judge = new JudgeClient(config.judge());
        scorer = judge;
        strategies = judge;
      }
    }

    @ProcessElement
    public void process(@Element RolloutProbe.Request request, OutputReceiver<ProbeResult> out) {
      out.output(RolloutProbe.probe(request, config.probe(), scorer, config.scorerName(), strategies));
      probed.inc();
    }
  }

  /** Writes the report from every run and probe (side inputs); emits the report's path. */
  static final class WriteReportFn extends DoFn<String, String> {
    static final String RUNS = "runs";
    static final String PROBES = "probes";
    private final AnalysisConfig config;

    WriteReportFn(AnalysisConfig config) {
      this.config = config;
    }

    @ProcessElement
    public void process(@Element String dir, @SideInput(RUNS) List<RlRun> runs,
        @SideInput(PROBES) List<ProbeResult> probes, OutputReceiver<String> out) {
      out.output(AnalysisReport.write(dir, runs, probes, config));
    }
  }
}

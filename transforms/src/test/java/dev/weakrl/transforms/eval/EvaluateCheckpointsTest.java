package dev.weakrl.transforms.eval;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weakrl.common.Storage;
import dev.weakrl.common.options.OptionRecords;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.BenchmarkSummary;
import dev.weakrl.study.eval.CheckpointKey;
import dev.weakrl.study.eval.EvalManifest;
import dev.weakrl.study.eval.EvalParquet;
import dev.weakrl.study.eval.EvalSettings;
import dev.weakrl.study.eval.TinyCheckpoint;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class EvaluateCheckpointsTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  static String first;
  static String second;

  /** One worker thread, so "one load per worker per checkpoint" is exactly one load each. */
  @Rule public final transient TestPipeline pipeline = TestPipeline.fromOptions(oneThread());

  static DirectOptions oneThread() {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setTargetParallelism(1);
    return options;
  }

  @BeforeClass
  public static void checkpoints() throws Exception {
    first = TinyCheckpoint.save(TMP.newFolder("a", "model").getPath(), 1);
    second = TinyCheckpoint.save(TMP.newFolder("b", "model").getPath(), 2);
  }

  @Test
  public void fansOutOverCheckpointsBenchmarksAndShardsLoadingEachCheckpointOnce() {
    List<Benchmark> benchmarks = List.of(new Benchmark.Procedural("arith", 1, 2, 2, 0),
        new Benchmark.Procedural("units", 1, 1, 1, 0));
    PCollectionTuple evaluation = pipeline.apply(Create.of(first, second))
        .apply(EvaluateCheckpoints.on(benchmarks, OptionRecords.with(EvalSettings.defaults(),
            Map.of("k", 2, "maxTokens", 6, "shardSize", 1)))
            .withAccelerator("type:nvidia-l4;count:1;install-nvidia-driver"));
    // 2 checkpoints × 5 problems × (2 sampled + 1 greedy)
    PAssert.thatSingleton(evaluation.get(EvaluateCheckpoints.SAMPLES).apply(Count.globally())).isEqualTo(30L);
    PAssert.that(evaluation.get(EvaluateCheckpoints.SUMMARIES)).satisfies(summaries -> {
      int n = 0;
      for (BenchmarkSummary s : summaries) {
        n++;
        assertEquals(s.benchmark().equals("arith@1-2") ? 4 : 1, s.problems());
        assertEquals(2, s.samplesPerProblem());
        assertEquals(List.of(1), List.copyOf(s.passAtK().keySet()));
      }
      assertEquals(4, n);
      return null;
    });
    evaluation.apply(new WriteEvaluation(TMP.getRoot().getPath() + "/out", "test"));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(EvaluateCheckpoints.SampleAndVerify.class, "checkpoint_loads")).build());
    assertEquals(2L, (long) metrics.getCounters().iterator().next().getCommitted());
    List<String> files = Storage.list(EvalParquet.evalDir(TMP.getRoot().getPath() + "/out"));
    assertEquals(files.toString(), 6, files.size()); // samples, summary and the manifest per checkpoint
    assertTrue(files.toString(), files.stream().anyMatch(f -> f.endsWith("/" + CheckpointKey.of(first)
        + "/summary-00000-of-00001.parquet")));
    assertTrue(EvalManifest.isComplete(EvalManifest.dir(TMP.getRoot().getPath() + "/out", CheckpointKey.of(first)),
        "test"));
  }
}

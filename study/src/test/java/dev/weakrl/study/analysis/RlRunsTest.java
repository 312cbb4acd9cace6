package dev.weakrl.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.common.ParquetFiles;
import dev.weakrl.study.analysis.TableFiles.Column;
import dev.weakrl.study.analysis.TableFiles.Kind;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.BenchmarkSummary;
import dev.weakrl.study.eval.EvalParquet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RlRunsTest {
  @TempDir Path out;

  @Test
  void evaluationsReadEachBenchmarksGroupTruncationAndOverlapFromItsLatestSummary() throws Exception {
    // The pre-RL model was evaluated by a job grouping against another level: the run's own summaries win.
    summaries("sft-a", summary("sft-a", "arith@1", Benchmark.OTHER, 0.10, 0.00, 0),
        summary("sft-a", "arith@2", Benchmark.HELD_OUT, 0.00, 0.00, 0));
    summaries("rlvr-b-step-000050", summary("rlvr-b-step-000050", "arith@1", Benchmark.HELD_OUT, 0.30, 0.20, 1),
        summary("rlvr-b-step-000050", "arith@2", Benchmark.HARDER, 0.05, 0.60, 0));
    summaries("rlvr-b", summary("rlvr-b", "arith@1", Benchmark.HELD_OUT, 0.50, 0.10, 3),
        summary("rlvr-b", "arith@2", Benchmark.HARDER, 0.10, 0.40, 0),
        summary("rlvr-b", "island@1", Benchmark.OTHER_DOMAINS, 0.20, 0.00, 0));

    RlRuns.Evaluations evals = RlRuns.evaluations(out.toString(), "rlvr-b", "sft-a", 100, "avg_at_k");
    assertEquals(StepSeries.of(Map.of(0L, 0.10, 50L, 0.30, 100L, 0.50)), evals.metrics().get("arith@1"));
    assertEquals(new BenchmarkContext(Benchmark.HELD_OUT, 0.10, 3), evals.contexts().get("arith@1"));
    assertEquals(new BenchmarkContext(Benchmark.HARDER, 0.40, 0), evals.contexts().get("arith@2"));
    assertEquals(Benchmark.OTHER_DOMAINS, evals.contexts().get("island@1").group());
  }

  @Test
  void summariesWithoutAGroupAreAnErrorAndWithoutTruncationGiveNaN() {
    Path dir = out.resolve("eval/rlvr-b/summary-00000-of-00001.parquet");
    TableFiles.write(dir.toString(), List.of(new Column("benchmark", Kind.TEXT), new Column("avg_at_k", Kind.NUMBER)),
        List.of(Map.of("benchmark", "arith@1", "avg_at_k", 0.5)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RlRuns.evaluations(out.toString(), "rlvr-b", "sft-a", 100, "avg_at_k"));
    assertTrue(e.getMessage().contains("no column 'group'"), e.getMessage());

    TableFiles.write(dir.toString(), List.of(new Column("benchmark", Kind.TEXT), new Column("group", Kind.TEXT),
        new Column("avg_at_k", Kind.NUMBER)), List.of(Map.of("benchmark", "arith@1", "group", "held-out",
        "avg_at_k", 0.5)));
    BenchmarkContext c = RlRuns.evaluations(out.toString(), "rlvr-b", "sft-a", 100, "avg_at_k").contexts()
        .get("arith@1");
    assertEquals(Benchmark.HELD_OUT, c.group());
    assertTrue(Double.isNaN(c.truncated()) && Double.isNaN(c.overlapWithTraining()));
  }

  static BenchmarkSummary summary(String checkpoint, String benchmark, String group, double avg, double truncated,
      int overlap) {
    return new BenchmarkSummary(checkpoint, benchmark, group, 48, 8, avg, 0.02, Map.of(1, avg), avg, 0.05, truncated,
        64, overlap);
  }

  /** Writes {@code rows} with the evaluation's own schema, as the evaluation does. */
  void summaries(String key, BenchmarkSummary... rows) throws Exception {
    String path = out.resolve("eval/" + key + "/summary-00000-of-00001.parquet").toString();
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(ParquetFiles.output(path))
        .withSchema(EvalParquet.SUMMARY).build()) {
      for (BenchmarkSummary s : rows) {
        writer.write(EvalParquet.toRecord(s));
      }
    }
  }
}

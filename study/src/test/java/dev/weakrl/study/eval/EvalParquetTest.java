package dev.weakrl.study.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.common.ParquetFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalParquetTest {
  @TempDir Path dir;

  @Test
  void summariesWrittenAsBeamWritesThemReadBack() throws Exception {
    List<BenchmarkSummary> summaries = List.of(
        new BenchmarkSummary("sft-a", "arith@1", Benchmark.HELD_OUT, 48, 8, 0.5, 0.02, Map.of(1, 0.5, 8, 0.9), 0.4,
            0.05, 0.1, 64, 2),
        new BenchmarkSummary("sft-a", "island@1", Benchmark.OTHER_DOMAINS, 10, 1, 0.1, 0.01, Map.of(1, 0.1), 0.1,
            0.03, 0.0, 64, 0));
    String path = dir.resolve("sft-a/summary-00000-of-00001.parquet").toString();
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(ParquetFiles.output(path))
        .withSchema(EvalParquet.SUMMARY).build()) {
      for (BenchmarkSummary s : summaries) {
        writer.write(EvalParquet.toRecord(s));
      }
    }
    assertEquals(summaries, EvalParquet.readSummaries(dir.resolve("sft-a").toString()));
  }

  @Test
  void aSummaryLackingAColumnNamesTheFileAndTheColumn() throws Exception {
    String path = dir.resolve("sft-a/summary-00000-of-00001.parquet").toString();
    var schema = SchemaBuilder.record("summary").fields().requiredString("checkpoint").endRecord();
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(ParquetFiles.output(path))
        .withSchema(schema).build()) {
      GenericRecord r = new GenericData.Record(schema);
      r.put("checkpoint", "sft-a");
      writer.write(r);
    }
    var e = assertThrows(IllegalArgumentException.class,
        () -> EvalParquet.readSummaries(dir.resolve("sft-a").toString()));
    assertTrue(e.getMessage().startsWith(path + ": not an evaluation summary: ")
        && e.getMessage().contains("'benchmark'"), e.getMessage());
  }
}

package dev.weakrl.study.eval;

import dev.weakrl.common.ParquetFiles;
import dev.weakrl.common.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;

/** The Avro schemas of the evaluation's Parquet files, and the records' conversions to them. */
public final class EvalParquet {
  public static final Schema SAMPLE = SchemaBuilder.record("sample").namespace("dev.weakrl.eval").fields()
      .requiredString("checkpoint")
      .requiredString("benchmark")
      .requiredString("problem_id")
      .requiredInt("sample")
      .requiredBoolean("greedy")
      .requiredString("response")
      .requiredString("answer")
      .requiredString("verdict")
      .requiredBoolean("correct")
      .requiredInt("response_tokens")
      .requiredBoolean("stopped")
      .requiredBoolean("truncated")
      .endRecord();

  public static final Schema SUMMARY = summarySchema();

  private EvalParquet() {}

  /** {@code <out>/eval}: the directory that holds one directory per checkpoint key. */
  public static String evalDir(String out) {
    return Storage.resolve(out, "eval");
  }

  private static Schema summarySchema() {
    SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("summary").namespace("dev.weakrl.eval").fields()
        .requiredString("checkpoint")
        .requiredString("benchmark")
        .requiredString("group")
        .requiredInt("problems")
        .requiredInt("samples_per_problem")
        .requiredDouble("avg_at_k")
        .requiredDouble("avg_at_k_se")
        .requiredDouble("greedy_accuracy")
        .requiredDouble("greedy_se")
        .requiredDouble("truncated")
        .requiredInt("max_tokens")
        .requiredInt("overlap_with_training");
    for (int k : PassAtK.STANDARD_K) {
      // null where k exceeds the samples per problem
      fields = fields.optionalDouble(passColumn(k));
    }
    return fields.endRecord();
  }

  static String passColumn(int k) {
    return "pass_at_" + k;
  }

  public static GenericRecord toRecord(SampleRow row) {
    GenericRecord r = new GenericData.Record(SAMPLE);
    r.put("checkpoint", row.checkpoint());
    r.put("benchmark", row.benchmark());
    r.put("problem_id", row.problemId());
    r.put("sample", row.sample());
    r.put("greedy", row.greedy());
    r.put("response", row.response());
    r.put("answer", row.answer());
    r.put("verdict", row.verdict());
    r.put("correct", row.correct());
    r.put("response_tokens", row.responseTokens());
    r.put("stopped", row.stopped());
    r.put("truncated", row.truncated());
    return r;
  }

  public static GenericRecord toRecord(BenchmarkSummary summary) {
    GenericRecord r = new GenericData.Record(SUMMARY);
    r.put("checkpoint", summary.checkpoint());
    r.put("benchmark", summary.benchmark());
    r.put("group", summary.group());
    r.put("problems", summary.problems());
    r.put("samples_per_problem", summary.samplesPerProblem());
    r.put("avg_at_k", summary.avgAtK());
    r.put("avg_at_k_se", summary.avgAtKSe());
    r.put("greedy_accuracy", summary.greedyAccuracy());
    r.put("greedy_se", summary.greedySe());
    r.put("truncated", summary.truncated());
    r.put("max_tokens", summary.maxTokens());
    r.put("overlap_with_training", summary.overlapWithTraining());
    summary.passAtK().forEach((k, v) -> r.put(passColumn(k), v));
    return r;
  }

  /** The summaries written for one checkpoint: every {@code summary-*.parquet} in its eval directory. */
  public static List<BenchmarkSummary> readSummaries(String checkpointEvalDir) {
    List<BenchmarkSummary> summaries = new ArrayList<>();
    for (String path : Storage.list(checkpointEvalDir)) {
      if (!path.substring(path.lastIndexOf('/') + 1).matches("summary-.*\\.parquet")) {
        continue;
      }
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(ParquetFiles.input(path)).build()) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          summaries.add(fromRecord(r));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
    return summaries;
  }

  static BenchmarkSummary fromRecord(GenericRecord r) {
    Map<Integer, Double> passAtK = new TreeMap<>();
    for (int k : PassAtK.STANDARD_K) {
      if (r.get(passColumn(k)) != null) {
        passAtK.put(k, (Double) r.get(passColumn(k)));
      }
    }
    return new BenchmarkSummary(r.get("checkpoint").toString(), r.get("benchmark").toString(),
        r.get("group").toString(), (Integer) r.get("problems"), (Integer) r.get("samples_per_problem"),
        (Double) r.get("avg_at_k"), (Double) r.get("avg_at_k_se"), passAtK, (Double) r.get("greedy_accuracy"),
        (Double) r.get("greedy_se"), (Double) r.get("truncated"), (Integer) r.get("max_tokens"),
        (Integer) r.get("overlap_with_training"));
  }
}

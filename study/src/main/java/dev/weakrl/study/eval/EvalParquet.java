package dev.weakrl.study.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.ParquetFiles;
import dev.weakrl.common.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The evaluation's Parquet files: their Avro schemas and the records' conversions to them, for
 * Beam's Parquet sink to write; the summaries read back as rows of {@link ParquetFiles}.
 */
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
        .requiredInt("overlap_with_training")
        .requiredInt("skipped_too_long")
        .requiredInt("skipped_unencodable");
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
    r.put("skipped_too_long", summary.skippedTooLong());
    r.put("skipped_unencodable", summary.skippedUnencodable());
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
      try {
        ParquetFiles.forEach(path, row -> summaries.add(fromRow(row)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": not an evaluation summary: " + e.getMessage(), e);
      }
    }
    return summaries;
  }

  /** Throws {@link IllegalArgumentException} naming a column that {@code row} lacks. */
  private static BenchmarkSummary fromRow(JsonNode row) {
    Map<Integer, Double> passAtK = new TreeMap<>();
    for (int k : PassAtK.STANDARD_K) {
      if (row.hasNonNull(passColumn(k))) {
        passAtK.put(k, row.get(passColumn(k)).doubleValue());
      }
    }
    return new BenchmarkSummary(row.required("checkpoint").asText(), row.required("benchmark").asText(),
        row.required("group").asText(), row.required("problems").intValue(),
        row.required("samples_per_problem").intValue(), row.required("avg_at_k").doubleValue(),
        row.required("avg_at_k_se").doubleValue(), passAtK, row.required("greedy_accuracy").doubleValue(),
        row.required("greedy_se").doubleValue(), row.required("truncated").doubleValue(),
        row.required("max_tokens").intValue(), row.required("overlap_with_training").intValue(),
        // absent from summaries written before problems could be skipped
        row.path("skipped_too_long").asInt(0), row.path("skipped_unencodable").asInt(0));
  }
}

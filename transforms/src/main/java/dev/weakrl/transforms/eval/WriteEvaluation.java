package dev.weakrl.transforms.eval;

import dev.weakrl.common.Storage;
import dev.weakrl.study.eval.BenchmarkSummary;
import dev.weakrl.study.eval.EvalManifest;
import dev.weakrl.study.eval.EvalParquet;
import dev.weakrl.study.eval.SampleRow;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Writes an {@link EvaluateCheckpoints} output as Parquet, per checkpoint key:
 * {@code <out>/eval/<key>/samples-00000-of-00001.parquet} ({@link EvalParquet#SAMPLE}) and
 * {@code summary-00000-of-00001.parquet} ({@link EvalParquet#SUMMARY}), then, once both are
 * written, {@link EvalManifest#FILE} naming the evaluation's identity.
 */
public final class WriteEvaluation extends PTransform<PCollectionTuple, PCollection<String>> {
  private final String out;
  private final String identity;

  /** @param identity {@link EvalManifest#identity} of the settings and benchmarks evaluated */
  public WriteEvaluation(String out, String identity) {
    this.out = out;
    this.identity = identity;
  }

  /** Returns the manifests written, each once its checkpoint's files are: what a reader waits on. */
  @Override
  public PCollection<String> expand(PCollectionTuple evaluation) {
    String dir = EvalParquet.evalDir(out);
    WriteFilesResult<String> samples = evaluation.get(EvaluateCheckpoints.SAMPLES)
        .apply("WriteSamples", perCheckpoint(dir, "samples", SampleRow::checkpoint, EvalParquet::toRecord, EvalParquet.SAMPLE));
    WriteFilesResult<String> summaries = evaluation.get(EvaluateCheckpoints.SUMMARIES)
        .apply("WriteSummaries", perCheckpoint(dir, "summary", BenchmarkSummary::checkpoint, EvalParquet::toRecord,
            EvalParquet.SUMMARY));
    return PCollectionList.of(samples.getPerDestinationOutputFilenames())
        .and(summaries.getPerDestinationOutputFilenames())
        .apply("Written", Flatten.pCollections())
        .apply("ByCheckpoint", GroupByKey.create())
        .apply("WriteManifests", ParDo.of(new WriteManifest(out, identity)));
  }

  /** After a checkpoint's files: its {@link EvalManifest}; outputs the manifest's path. */
  static final class WriteManifest extends DoFn<KV<String, Iterable<String>>, String> {
    private final String out;
    private final String identity;

    WriteManifest(String out, String identity) {
      this.out = out;
      this.identity = identity;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> written, OutputReceiver<String> output) {
      output.output(EvalManifest.write(EvalManifest.dir(out, written.getKey()), identity));
    }
  }

  /** One file per checkpoint (one shard: evaluation outputs are small) named {@code <key>/<name>-…}. */
  private static <T> FileIO.Write<String, T> perCheckpoint(String dir, String name,
      SerializableFunction<T, String> checkpoint, SerializableFunction<T, GenericRecord> toRecord, Schema schema) {
    return FileIO.<String, T>writeDynamic()
        .by(checkpoint)
        .withDestinationCoder(StringUtf8Coder.of())
        .via(Contextful.fn(toRecord), ParquetIO.sink(schema))
        .to(dir)
        .withNaming(key -> FileIO.Write.defaultNaming(key + "/" + name, ".parquet"))
        .withNumShards(1);
  }
}

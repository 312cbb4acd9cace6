package dev.weakrl.transforms.prepare;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes each training set as one veRL Parquet file {@code <dir>/<variant>.parquet}, rows sorted by
 * id, so that training stages read it with {@code ProblemFiles.read}. Outputs (variant, rows),
 * and counts the rows of each variant in the metric {@code rows_<variant>}.
 */
public final class WriteProblemSets extends PTransform<PCollection<KV<String, Problem>>, PCollection<KV<String, Long>>> {
  private final String dir;

  public WriteProblemSets(String dir) {
    this.dir = dir;
  }

  public static String file(String dir, String variant) {
    return Storage.resolve(dir, variant + ".parquet");
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<KV<String, Problem>> sets) {
    return sets.apply("GroupByVariant", GroupByKey.create())
        .apply("WriteParquet", ParDo.of(new WriteSet(dir)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }

  static final class WriteSet extends DoFn<KV<String, Iterable<Problem>>, KV<String, Long>> {
    private final String dir;

    WriteSet(String dir) {
      this.dir = dir;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Problem>> set, OutputReceiver<KV<String, Long>> out) {
      List<Problem> rows = new ArrayList<>();
      set.getValue().forEach(rows::add);
      rows.sort(Comparator.comparing(Problem::id));
      ProblemFiles.write(file(dir, set.getKey()), rows);
      Metrics.counter(WriteProblemSets.class, "rows_" + set.getKey()).inc(rows.size());
      out.output(KV.of(set.getKey(), (long) rows.size()));
    }
  }
}

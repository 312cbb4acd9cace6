package dev.weakrl.transforms.prepare;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.io.ReadResult;
import dev.weakrl.datasets.io.Reject;
import dev.weakrl.models.tokenizer.CharTokenizer;
import dev.weakrl.models.tokenizer.Tokenizer;
import dev.weakrl.study.prepare.TokenCounts;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The problems of veRL Parquet or JSONL files, one file per work item. Rows that are not
 * problems, rows repeating an earlier row's prompt, and problems the embedded models' character
 * tokenizer cannot encode (a tab, a curly quote) are set aside: counted ({@code rejected_rows}),
 * logged, and written with file, row, id and reason to {@code <rejectsDir>/<file name>.rejects.jsonl}
 * (one file per input, so a retried work item rewrites the same file).
 */
public final class ReadProblemFiles extends PTransform<PBegin, PCollection<Problem>> {
  private final List<String> paths;
  private final String rejectsDir;

  public ReadProblemFiles(List<String> paths, String rejectsDir) {
    this.paths = List.copyOf(paths);
    this.rejectsDir = rejectsDir;
  }

  /** Where the rejects of input {@code path} go. */
  public static String rejectsFile(String rejectsDir, String path) {
    String name = path.replaceAll("/+$", "");
    return Storage.resolve(rejectsDir, name.substring(name.lastIndexOf('/') + 1) + ".rejects.jsonl");
  }

  @Override
  public PCollection<Problem> expand(PBegin begin) {
    return begin.apply("Paths", Create.of(paths))
        .apply("ReadFile", ParDo.of(new ReadFile(rejectsDir)))
        .setCoder(ProblemCoder.of());
  }

  static final class ReadFile extends DoFn<String, Problem> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadFile.class);
    private final Counter rejected = Metrics.counter(ReadProblemFiles.class, "rejected_rows");
    private final String rejectsDir;
    private transient Tokenizer tokenizer;

    ReadFile(String rejectsDir) {
      this.rejectsDir = rejectsDir;
    }

    @Setup
    public void setup() {
      tokenizer = CharTokenizer.standard();
    }

    @ProcessElement
    public void process(@Element String path, OutputReceiver<Problem> out) {
      ReadResult read = ProblemFiles.readDistinct(path, p -> TokenCounts.unencodable(tokenizer, p));
      for (Reject reject : read.rejects()) {
        rejected.inc();
        LOG.warn("set aside {}", reject);
      }
      if (!read.rejects().isEmpty()) {
        ProblemFiles.writeRejects(rejectsFile(rejectsDir, path), read.rejects());
      }
      read.problems().forEach(out::output);
    }
  }
}

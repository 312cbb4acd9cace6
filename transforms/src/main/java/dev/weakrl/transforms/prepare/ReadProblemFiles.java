package dev.weakrl.transforms.prepare;

import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.datasets.io.ReadResult;
import dev.weakrl.datasets.io.Reject;
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
 * problems are set aside: counted ({@code rejected_rows}) and logged with file, row and reason.
 */
public final class ReadProblemFiles extends PTransform<PBegin, PCollection<Problem>> {
  private final List<String> paths;

  public ReadProblemFiles(List<String> paths) {
    this.paths = List.copyOf(paths);
  }

  @Override
  public PCollection<Problem> expand(PBegin begin) {
    return begin.apply("Paths", Create.of(paths))
        .apply("ReadFile", ParDo.of(new ReadFile()))
        .setCoder(ProblemCoder.of());
  }

  static final class ReadFile extends DoFn<String, Problem> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadFile.class);
    private final Counter rejected = Metrics.counter(ReadProblemFiles.class, "rejected_rows");

    @ProcessElement
    public void process(@Element String path, OutputReceiver<Problem> out) {
      ReadResult read = ProblemFiles.read(path);
      for (Reject reject : read.rejects()) {
        rejected.inc();
        LOG.warn("set aside {}", reject);
      }
      read.problems().forEach(out::output);
    }
  }
}

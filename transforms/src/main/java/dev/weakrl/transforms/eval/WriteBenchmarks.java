package dev.weakrl.transforms.eval;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.EvalParquet;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes each generated benchmark's problems to {@code <out>/eval/benchmarks/<name>.parquet} (veRL
 * layout), so that anyone can check a held-out set against the stages' {@code train.parquet}
 * without our code. Problem files are already files and are not copied. Outputs the paths.
 */
public final class WriteBenchmarks extends PTransform<PBegin, PCollection<String>> {
  private final List<Benchmark> benchmarks;
  private final String out;

  public WriteBenchmarks(List<Benchmark> benchmarks, String out) {
    this.benchmarks = List.copyOf(benchmarks);
    this.out = out;
  }

  /** {@code <out>/eval/benchmarks/<name>.parquet}. */
  public static String path(String out, String benchmark) {
    return Storage.resolve(EvalParquet.evalDir(out), "benchmarks/" + benchmark + ".parquet");
  }

  @Override
  public PCollection<String> expand(PBegin begin) {
    List<Benchmark> generated = benchmarks.stream().filter(b -> b instanceof Benchmark.Procedural).toList();
    return begin
        .apply("Generated", Create.of(generated).withCoder(SerializableCoder.of(Benchmark.class)))
        .apply("WriteProblems", ParDo.of(new WriteFn(out)));
  }

  static final class WriteFn extends DoFn<Benchmark, String> {
    private final String out;

    WriteFn(String out) {
      this.out = out;
    }

    @ProcessElement
    public void process(@Element Benchmark benchmark, OutputReceiver<String> paths) {
      String path = path(out, benchmark.name());
      ProblemFiles.write(path, benchmark.problems());
      paths.output(path);
    }
  }
}

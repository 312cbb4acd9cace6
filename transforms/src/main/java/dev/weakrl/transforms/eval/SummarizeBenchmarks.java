package dev.weakrl.transforms.eval;

import dev.weakrl.study.eval.BenchmarkSummary;
import dev.weakrl.study.eval.BenchmarkTotals;
import dev.weakrl.study.eval.ProblemResult;
import dev.weakrl.study.eval.ProblemScore;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Per checkpoint and benchmark: avg@k, pass@k and greedy accuracy over its problems' results. */
public final class SummarizeBenchmarks extends PTransform<PCollection<ProblemResult>, PCollection<BenchmarkSummary>> {
  @Override
  public PCollection<BenchmarkSummary> expand(PCollection<ProblemResult> results) {
    return results
        .apply("ScoreProblems", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.kvs(TypeDescriptors.strings(),
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings())),
                TypeDescriptor.of(ProblemScore.class)))
            .via(r -> KV.of(KV.of(r.checkpoint(), KV.of(r.benchmark(), r.group())), r.score())))
        .setCoder(KvCoder.of(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())),
            SerializableCoder.of(ProblemScore.class)))
        .apply("TotalPerBenchmark", Combine.perKey(new TotalFn()))
        .apply("ToSummary", MapElements.into(TypeDescriptor.of(BenchmarkSummary.class))
            .via(kv -> kv.getValue().summary(kv.getKey().getKey(), kv.getKey().getValue().getKey(),
                kv.getKey().getValue().getValue())));
  }

  static final class TotalFn extends Combine.CombineFn<ProblemScore, BenchmarkTotals, BenchmarkTotals> {
    @Override
    public BenchmarkTotals createAccumulator() {
      return BenchmarkTotals.empty();
    }

    @Override
    public BenchmarkTotals addInput(BenchmarkTotals totals, ProblemScore score) {
      return totals.plus(BenchmarkTotals.of(score));
    }

    @Override
    public BenchmarkTotals mergeAccumulators(Iterable<BenchmarkTotals> all) {
      BenchmarkTotals merged = BenchmarkTotals.empty();
      for (BenchmarkTotals t : all) {
        merged = merged.plus(t);
      }
      return merged;
    }

    @Override
    public BenchmarkTotals extractOutput(BenchmarkTotals totals) {
      return totals;
    }

    @Override
    public Coder<BenchmarkTotals> getAccumulatorCoder(CoderRegistry registry, Coder<ProblemScore> input)
        throws CannotProvideCoderException {
      return SerializableCoder.of(BenchmarkTotals.class);
    }

    @Override
    public Coder<BenchmarkTotals> getDefaultOutputCoder(CoderRegistry registry, Coder<ProblemScore> input)
        throws CannotProvideCoderException {
      return SerializableCoder.of(BenchmarkTotals.class);
    }
  }
}

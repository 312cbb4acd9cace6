package dev.weakrl.transforms.eval;

import dev.weakrl.study.eval.Benchmark;
import dev.weakrl.study.eval.BenchmarkSummary;
import dev.weakrl.study.eval.CheckpointKey;
import dev.weakrl.study.eval.EvalSettings;
import dev.weakrl.study.eval.LoadedModel;
import dev.weakrl.study.eval.ProblemResult;
import dev.weakrl.study.eval.PromptShard;
import dev.weakrl.study.eval.SampleRow;
import dev.weakrl.study.eval.ShardEvaluator;
import dev.weakrl.study.stages.TrainingSets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.resourcehints.ResourceHints;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Evaluates checkpoints (their directories) on benchmarks: every checkpoint × benchmark × prompt
 * shard is a work item, spread over workers by a reshuffle; each worker loads a checkpoint once
 * and keeps it for every later shard of it. Problems the checkpoint (or a stage upstream of it)
 * trained on are left out and counted as the summary's {@code overlap_with_training}. Outputs {@link #SAMPLES}, one row per response, and
 * {@link #SUMMARIES}, one per checkpoint and benchmark.
 */
public final class EvaluateCheckpoints extends PTransform<PCollection<String>, PCollectionTuple> {
  public static final TupleTag<SampleRow> SAMPLES = new TupleTag<>() {};
  public static final TupleTag<BenchmarkSummary> SUMMARIES = new TupleTag<>() {};

  private final List<Benchmark> benchmarks;
  private final EvalSettings settings;
  private final String accelerator;

  private EvaluateCheckpoints(List<Benchmark> benchmarks, EvalSettings settings, String accelerator) {
    this.benchmarks = List.copyOf(benchmarks);
    this.settings = settings;
    this.accelerator = accelerator;
  }

  public static EvaluateCheckpoints on(List<Benchmark> benchmarks, EvalSettings settings) {
    return new EvaluateCheckpoints(benchmarks, settings, "");
  }

  /**
   * Asks the runner for an accelerator where responses are sampled, in Beam's hint syntax, e.g.
   * {@code type:nvidia-l4;count:1;install-nvidia-driver}; empty for none.
   */
  public EvaluateCheckpoints withAccelerator(String accelerator) {
    return new EvaluateCheckpoints(benchmarks, settings, accelerator);
  }

  @Override
  public PCollectionTuple expand(PCollection<String> checkpoints) {
    int shardSize = settings.shardSize();
    PCollectionView<List<String>> checkpointList = checkpoints.apply("ListCheckpoints", View.asList());
    ParDo.SingleOutput<KV<String, PromptShard>, ProblemResult> sample = ParDo.of(new SampleAndVerify(settings));
    if (!accelerator.isEmpty()) {
      sample.setResourceHints(ResourceHints.create().withAccelerator(accelerator));
    }
    PCollection<ProblemResult> results = checkpoints.getPipeline()
        .apply("Benchmarks", Create.of(benchmarks).withCoder(SerializableCoder.of(Benchmark.class)))
        .apply("ShardPrompts", FlatMapElements.into(TypeDescriptor.of(PromptShard.class))
            .via(b -> PromptShard.split(b, b.group(settings.domain(), settings.difficulty()), shardSize)))
        .apply("PairWithCheckpoints", ParDo.of(new PairWithCheckpoints(checkpointList)).withSideInputs(checkpointList))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(PromptShard.class)))
        .apply("SpreadShards", Reshuffle.viaRandomKey())
        .apply("SampleAndVerify", sample);
    PCollection<SampleRow> samples = results.apply("Samples",
        FlatMapElements.into(TypeDescriptor.of(SampleRow.class)).via(ProblemResult::samples));
    PCollection<BenchmarkSummary> summaries = results.apply("Summarize", new SummarizeBenchmarks());
    return PCollectionTuple.of(SAMPLES, samples).and(SUMMARIES, summaries);
  }

  /** Every shard once per checkpoint directory. */
  static final class PairWithCheckpoints extends DoFn<PromptShard, KV<String, PromptShard>> {
    private final PCollectionView<List<String>> checkpoints;

    PairWithCheckpoints(PCollectionView<List<String>> checkpoints) {
      this.checkpoints = checkpoints;
    }

    @ProcessElement
    public void process(@Element PromptShard shard, ProcessContext c) {
      for (String dir : c.sideInput(checkpoints)) {
        c.output(KV.of(dir, shard));
      }
    }
  }

  /**
   * Samples and grades a shard with its checkpoint. Models are loaded on first use and kept for
   * the life of this instance: shards arrive in random order, so a worker sees each checkpoint
   * many times, and loading costs far more than sampling a shard.
   */
  static final class SampleAndVerify extends DoFn<KV<String, PromptShard>, ProblemResult> {
    private final Counter loads = Metrics.counter(SampleAndVerify.class, "checkpoint_loads");
    private final Counter problems = Metrics.counter(SampleAndVerify.class, "problems_evaluated");
    private final EvalSettings settings;
    private transient Map<String, LoadedModel> models;
    private transient Map<String, Set<String>> seen;

    SampleAndVerify(EvalSettings settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      models = new HashMap<>();
      seen = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element KV<String, PromptShard> work, OutputReceiver<ProblemResult> out) {
      LoadedModel model = models.computeIfAbsent(work.getKey(), dir -> {
        loads.inc();
        return LoadedModel.load(dir);
      });
      String checkpoint = CheckpointKey.of(work.getKey());
      // Keyed by stage: an RL run's step checkpoints share one lineage, read once.
      Set<String> trainedOn = seen.computeIfAbsent(TrainingSets.stageDirOf(work.getKey()).orElse(work.getKey()),
          stage -> TrainingSets.seenBy(work.getKey()));
      for (ProblemResult result : ShardEvaluator.evaluate(model, checkpoint, work.getValue(), settings, trainedOn)) {
        problems.inc();
        out.output(result);
      }
    }

    @Teardown
    public void teardown() {
      models.values().forEach(LoadedModel::close);
    }
  }
}

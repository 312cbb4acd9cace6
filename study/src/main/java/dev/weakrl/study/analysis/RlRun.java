package dev.weakrl.study.analysis;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.study.stages.Embedded;
import dev.weakrl.study.stages.TrainingSets;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * An RL stage's artifacts as the analysis needs them: its options, its input stage (the pre-RL
 * model), the mean train reward and true accuracy per step from {@code metrics.parquet}, and each
 * benchmark's metric (e.g. avg@k) at every evaluated checkpoint of the run (step 0 = the input
 * model's evaluation, step s = {@code steps/step-00000s}, the last step = {@code model/}), with
 * each benchmark's group, truncation and overlap as its summaries give them.
 *
 * @param name the stage directory's name, {@code rlvr-<key>}
 * @param inputDir the input stage's directory, whose {@code model/} is the pre-RL checkpoint
 * @param contexts per benchmark, read from its last evaluated checkpoint's summary
 */
public record RlRun(String name, String dir, Map<String, String> options, String inputDir, StepSeries reward,
    StepSeries trueAccuracy, Map<String, StepSeries> benchmarks, Map<String, BenchmarkContext> contexts)
    implements Serializable {
  public RlRun {
    options = Collections.unmodifiableMap(new TreeMap<>(options));
    benchmarks = Collections.unmodifiableMap(new TreeMap<>(benchmarks));
    contexts = Collections.unmodifiableMap(new TreeMap<>(contexts));
  }

  /** The benchmark's group ({@link dev.weakrl.study.eval.Benchmark#group}) as its summaries say. */
  public String group(String benchmark) {
    return BenchmarkContext.groupOf(contexts, benchmark);
  }

  /** The mean of {@code group}'s benchmark curves at each evaluated step; empty without any. */
  public StepSeries groupMean(String group) {
    Map<Long, List<Double>> byStep = new TreeMap<>();
    benchmarks.forEach((b, series) -> {
      if (group(b).equals(group)) {
        series.points().forEach(p -> byStep.computeIfAbsent(p.step(), s -> new ArrayList<>()).add(p.value()));
      }
    });
    Map<Long, Double> means = new TreeMap<>();
    byStep.forEach((s, v) -> means.put(s, Stats.mean(v)));
    return StepSeries.of(means);
  }

  /** {@code group}'s gain over the run, M(T) − M(0) of its {@link #groupMean}; NaN without evaluations. */
  public double gain(String group) {
    StepSeries m = groupMean(group);
    return m.isEmpty() ? Double.NaN : m.last().value() - m.nearest(0).value();
  }

  /** Mean truncated fraction over {@code group}'s benchmarks at their last evaluated checkpoint; NaN if none. */
  public double meanTruncated(String group) {
    return BenchmarkContext.mean(contexts, group, BenchmarkContext::truncated);
  }

  /** Mean {@code overlap_with_training} over {@code group}'s benchmarks at their last evaluated checkpoint. */
  public double meanOverlap(String group) {
    return BenchmarkContext.mean(contexts, group, BenchmarkContext::overlapWithTraining);
  }

  /** The training-set size n ({@code problems}), or -1 when the options do not say. */
  public long trainingSetSize() {
    return Long.parseLong(options.getOrDefault("problems", "-1"));
  }

  /** Runs with equal groups differ at most in training-set size: same input, same other options. */
  public String sizeGroup() {
    Map<String, String> rest = new TreeMap<>(options);
    rest.remove("problems");
    return inputDir.substring(inputDir.lastIndexOf('/') + 1) + " " + rest;
  }

  public String preRlCheckpoint() {
    return Storage.resolve(inputDir, Embedded.MODEL);
  }

  /**
   * {@code count} of the run's training problems, drawn with {@code seed}, from the stage's own
   * record of what it trained on ({@code train.parquet}): the same problems, whatever chose them.
   */
  public List<Problem> trainingPrompts(int count, long seed) {
    List<Problem> shuffled = new ArrayList<>(ProblemFiles.read(Storage.resolve(dir, TrainingSets.FILE)).problems());
    Collections.shuffle(shuffled, new Random(seed));
    return shuffled.subList(0, Math.min(count, shuffled.size()));
  }
}

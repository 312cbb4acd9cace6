package dev.weakrl.transforms.analysis;

import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.io.ProblemFiles;
import dev.weakrl.transforms.stages.TrainingSets;
import dev.weakrl.transforms.stages.Embedded;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RL stage's artifacts as the analysis needs them: its options, its input stage (the pre-RL
 * model), the mean train reward and true accuracy per step from {@code metrics.parquet}, and each
 * benchmark's metric (e.g. avg@k) at every evaluated checkpoint of the run (step 0 = the input
 * model's evaluation, step s = {@code steps/step-00000s}, the last step = {@code model/}).
 *
 * @param name the stage directory's name, {@code rlvr-<key>}
 * @param inputDir the input stage's directory, whose {@code model/} is the pre-RL checkpoint
 */
public record RlRun(String name, String dir, Map<String, String> options, String inputDir, StepSeries reward,
    StepSeries trueAccuracy, Map<String, StepSeries> benchmarks) implements Serializable {
  private static final Pattern PROCEDURAL_BENCHMARK = Pattern.compile("([a-z]+)@(\\d+)(?:-(\\d+))?");

  public RlRun {
    options = Collections.unmodifiableMap(new TreeMap<>(options));
    benchmarks = Collections.unmodifiableMap(new TreeMap<>(benchmarks));
  }

  /**
   * In-domain: a procedural benchmark ({@code domain@L1-L2}) of the run's training domain whose
   * levels include its training difficulty. Everything else (other domains, other levels, files)
   * is out-of-domain.
   */
  public boolean isInDomain(String benchmark) {
    Matcher m = PROCEDURAL_BENCHMARK.matcher(benchmark);
    if (!m.matches() || !m.group(1).equals(options.get("domain")) || !options.containsKey("difficulty")) {
      return false;
    }
    int difficulty = Integer.parseInt(options.get("difficulty"));
    int from = Integer.parseInt(m.group(2));
    int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
    return from <= difficulty && difficulty <= to;
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

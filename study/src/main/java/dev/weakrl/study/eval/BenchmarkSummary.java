package dev.weakrl.study.eval;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint's result on one benchmark.
 *
 * @param checkpoint the checkpoint's key ({@link CheckpointKey})
 * @param group how the benchmark relates to the training domain ({@link Benchmark#group})
 * @param problems problems scored (those the checkpoint trained on are left out)
 * @param samplesPerProblem k, the sampled responses per problem
 * @param avgAtK mean over problems of the fraction of the k samples that were correct
 * @param avgAtKSe its standard error over problems
 * @param passAtK unbiased pass@k by k, for the standard k up to {@code samplesPerProblem}
 * @param greedyAccuracy fraction of problems whose greedy response was correct
 * @param greedySe its standard error over problems
 * @param truncated fraction of all responses that hit the token budget before an answer
 * @param maxTokens the new-token budget of each response
 * @param overlapWithTraining problems of the benchmark that the checkpoint or a stage upstream of
 *     it trained on (left out of every figure)
 * @param skippedTooLong problems left out because their prompt leaves no room in the model's context
 * @param skippedUnencodable problems left out because the model's tokenizer cannot encode their prompt
 */
public record BenchmarkSummary(String checkpoint, String benchmark, String group, int problems,
    int samplesPerProblem, double avgAtK, double avgAtKSe, Map<Integer, Double> passAtK, double greedyAccuracy,
    double greedySe, double truncated, int maxTokens, int overlapWithTraining, int skippedTooLong,
    int skippedUnencodable) implements Serializable {
  public BenchmarkSummary {
    passAtK = Collections.unmodifiableSortedMap(new TreeMap<>(passAtK));
  }

  /** A summary with no problem skipped. */
  public BenchmarkSummary(String checkpoint, String benchmark, String group, int problems, int samplesPerProblem,
      double avgAtK, double avgAtKSe, Map<Integer, Double> passAtK, double greedyAccuracy, double greedySe,
      double truncated, int maxTokens, int overlapWithTraining) {
    this(checkpoint, benchmark, group, problems, samplesPerProblem, avgAtK, avgAtKSe, passAtK, greedyAccuracy,
        greedySe, truncated, maxTokens, overlapWithTraining, 0, 0);
  }

  public int skipped() {
    return skippedTooLong + skippedUnencodable;
  }
}

package dev.weakrl.transforms.eval;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * A checkpoint's result on one benchmark.
 *
 * @param checkpoint the checkpoint's key ({@link CheckpointKey})
 * @param samplesPerProblem k, the sampled responses per problem
 * @param avgAtK mean over problems of the fraction of the k samples that were correct
 * @param passAtK unbiased pass@k by k, for the standard k up to {@code samplesPerProblem}
 * @param greedyAccuracy fraction of problems whose greedy response was correct
 */
@DefaultCoder(SerializableCoder.class)
public record BenchmarkSummary(String checkpoint, String benchmark, int problems, int samplesPerProblem,
    double avgAtK, Map<Integer, Double> passAtK, double greedyAccuracy) implements Serializable {
  public BenchmarkSummary {
    passAtK = Collections.unmodifiableSortedMap(new TreeMap<>(passAtK));
  }
}

package dev.weakrl.models.train;

import ai.djl.ndarray.NDManager;
import dev.weakrl.models.nn.Llama;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Causal LM on a packed corpus (pre-training and CPT): the documents are concatenated, each
 * ended by EOS, into one token stream; every row of a step is a window of {@code contextLength}
 * tokens at a random offset, every token a target.
 */
public final class CausalLmObjective implements Objective {
  private final int[] stream;
  private final int contextLength;
  private final int batchSize;
  private final int microBatches;

  public CausalLmObjective(int[] stream, int contextLength, int batchSize, int microBatches) {
    if (stream.length <= contextLength) {
      throw new IllegalArgumentException("corpus of " + stream.length + " tokens is shorter than the context length "
          + contextLength);
    }
    if (batchSize < 1 || microBatches < 1 || batchSize % microBatches != 0) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be a positive multiple of micro-batches "
          + microBatches);
    }
    this.stream = stream;
    this.contextLength = contextLength;
    this.batchSize = batchSize;
    this.microBatches = microBatches;
  }

  /** Concatenates documents, each followed by {@code eos}. */
  public static int[] pack(List<int[]> documents, int eos) {
    int total = documents.stream().mapToInt(d -> d.length + 1).sum();
    int[] stream = new int[total];
    int at = 0;
    for (int[] d : documents) {
      System.arraycopy(d, 0, stream, at, d.length);
      at += d.length;
      stream[at++] = eos;
    }
    return stream;
  }

  @Override
  public Step prepare(long step, Llama model, SplittableRandom random, NDManager manager) {
    int rows = batchSize / microBatches;
    List<MicroBatch> micro = new ArrayList<>();
    for (int m = 0; m < microBatches; m++) {
      List<int[]> windows = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        int offset = random.nextInt(stream.length - contextLength + 1);
        windows.add(Arrays.copyOfRange(stream, offset, offset + contextLength));
      }
      List<int[]> noPrompts = windows.stream().map(w -> new int[0]).toList();
      micro.add(Objective.nll(TokenBatch.of(noPrompts, windows, 0), 1.0 / microBatches, manager));
    }
    return new Step(List.of(micro), Map.of(), (long) batchSize * contextLength);
  }
}

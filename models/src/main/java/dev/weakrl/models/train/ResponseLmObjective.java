package dev.weakrl.models.train;

import ai.djl.ndarray.NDManager;
import dev.weakrl.models.nn.Llama;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Masked response LM (SFT): each row is prompt + response, and only the response tokens (EOS
 * included by the caller) are targets. Each step draws {@code batchSize} examples at random.
 */
public final class ResponseLmObjective implements Objective {
  /** One supervised example as token ids. */
  public record Example(int[] prompt, int[] response) {}

  private final List<Example> examples;
  private final int batchSize;
  private final int microBatches;
  private final int pad;

  public ResponseLmObjective(List<Example> examples, int batchSize, int microBatches, int pad) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("SFT needs at least one example");
    }
    if (batchSize < 1 || microBatches < 1 || batchSize % microBatches != 0) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be a positive multiple of micro-batches "
          + microBatches);
    }
    this.examples = List.copyOf(examples);
    this.batchSize = batchSize;
    this.microBatches = microBatches;
    this.pad = pad;
  }

  @Override
  public Step prepare(long step, Llama model, SplittableRandom random, NDManager manager) {
    int rows = batchSize / microBatches;
    List<MicroBatch> micro = new ArrayList<>();
    long tokens = 0;
    for (int m = 0; m < microBatches; m++) {
      List<int[]> prompts = new ArrayList<>();
      List<int[]> responses = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        Example e = examples.get(random.nextInt(examples.size()));
        prompts.add(e.prompt());
        responses.add(e.response());
      }
      TokenBatch batch = TokenBatch.of(prompts, responses, pad);
      tokens += batch.tokenCount();
      micro.add(Objective.nll(batch, 1.0 / microBatches, manager));
    }
    return new Step(List.of(micro), Map.of(), tokens);
  }
}

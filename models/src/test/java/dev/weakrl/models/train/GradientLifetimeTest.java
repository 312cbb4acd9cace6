package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.CharTokenizer;
import dev.weakrl.models.tokenizer.Tokenizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A backward pass reads what its forward pass saved. DJL's {@code x.mul(2f)} wraps the number in a
 * tensor over a Java direct buffer and closes it at once; autograd keeps that tensor, so once the
 * garbage collector frees the buffer, the backward pass reads whatever reuses the memory. Here the
 * collector runs between forward and backward and freed native memory is refilled with NaN: the
 * gradients must be those of a backward pass run straight after the forward.
 */
class GradientLifetimeTest {
  private static final Tokenizer TOKENIZER = CharTokenizer.standard();

  @Test
  void sftGradientsDoNotChangeWhenGarbageIsCollectedBeforeBackward() {
    List<ResponseLmObjective.Example> examples = List.of(
        new ResponseLmObjective.Example(TOKENIZER.encode("Q: 1+2\nA: "), TOKENIZER.encode("3</s>")),
        new ResponseLmObjective.Example(TOKENIZER.encode("Q: 3*4\nA: "), TOKENIZER.encode("12")));
    // Two micro-batches: each loss is weighted by 1/2, a scalar on the autograd path.
    assertGradientsSurviveCollection(new ResponseLmObjective(examples, 4, 2, TOKENIZER.padId()));
  }

  @Test
  void grpoGradientsDoNotChangeWhenGarbageIsCollectedBeforeBackward() {
    try (NDManager m = NDManager.newBaseManager();
        Llama reference = Llama.init(LlamaConfig.tiny(TOKENIZER.vocabSize()), m, 7)) {
      List<int[]> prompts = List.of(TOKENIZER.encode("Q: 1+2\nA: "), TOKENIZER.encode("Q: 3*4\nA: "));
      // Temperature 0.7 and KL β 0.1: both scale tensors that the backward pass multiplies by.
      GrpoObjective.Settings settings = new GrpoObjective.Settings(2, 4, 4, 0.7, 12, 0.2, 0.1, true, 1, 1);
      GrpoObjective.RewardFunction digits = (prompt, responses, selfCertainty) -> {
        double[] r = new double[responses.size()];
        for (int i = 0; i < r.length; i++) {
          r[i] = TOKENIZER.decode(responses.get(i)).chars().filter(Character::isDigit).count() % 2;
        }
        return new GrpoObjective.Rewards(r, r);
      };
      assertGradientsSurviveCollection(
          new GrpoObjective(prompts, reference, settings, digits, TOKENIZER.stopIds(), TOKENIZER.padId()));
    }
  }

  private static void assertGradientsSurviveCollection(Objective objective) {
    try (NDManager m = NDManager.newBaseManager();
        Llama model = Llama.init(LlamaConfig.tiny(TOKENIZER.vocabSize()), m, 3);
        NDManager step = model.manager().newSubManager()) {
      model.setTrainable(true);
      List<Objective.MicroBatch> update = objective.prepare(0, model, new SplittableRandom(5), step).updates().get(0);
      List<float[]> straight = gradients(model, update, false);
      List<float[]> collected = gradients(model, update, true);
      assertTrue(Float.isFinite(straight.get(0)[0]) && straight.size() > 10, "the fixture has gradients");
      for (int i = 0; i < straight.size(); i++) {
        assertArrayEquals(straight.get(i), collected.get(i), "parameter " + i);
      }
    }
  }

  /** The update's summed gradients, a flattened array per parameter in order; leaves them zero. */
  private static List<float[]> gradients(Llama model, List<Objective.MicroBatch> update, boolean collectGarbage) {
    List<ByteBuffer> refill = new ArrayList<>();
    try (NDManager scratch = model.manager().newSubManager()) {
      for (Objective.MicroBatch micro : update) {
        try (GradientScope scope = GradientScope.open()) {
          NDArray loss = micro.loss(model).value();
          if (collectGarbage) {
            refill.addAll(collectAndRefillFreedMemory());
          }
          scope.backward(loss);
        }
      }
      List<float[]> parts = new ArrayList<>();
      for (NDArray p : model.parameters().values()) {
        NDArray g = p.getGradient();
        g.attach(scratch);
        parts.add(g.toFloatArray());
        g.set(new NDIndex("..."), 0f);
      }
      return parts;
    } finally {
      refill.clear();
    }
  }

  /** Frees unreachable direct buffers, then takes small blocks of native memory and fills them with NaN. */
  private static List<ByteBuffer> collectAndRefillFreedMemory() {
    System.gc();
    try {
      Thread.sleep(100); // direct buffers are freed by the reference-handler thread after the collection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<ByteBuffer> blocks = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(4 << (i % 3)).order(ByteOrder.nativeOrder());
      while (b.hasRemaining()) {
        b.putFloat(Float.NaN);
      }
      blocks.add(b);
    }
    return blocks;
  }
}

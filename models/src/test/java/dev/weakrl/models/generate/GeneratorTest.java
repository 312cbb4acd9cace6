package dev.weakrl.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  static final LlamaConfig CONFIG = new LlamaConfig("llama", 40, 32, 64, 2, 4, 1, 8, 128, 1e-5, 10000.0, null, false, false, false);
  static NDManager manager;
  static Llama model;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
    model = Llama.init(CONFIG, manager, 5);
    // Sharpen the random model so greedy paths are not decided by rounding noise.
    model.parameters().get("lm_head.weight").muli(40f);
  }

  @AfterAll
  static void close() {
    model.close();
    manager.close();
  }

  static final List<int[]> PROMPTS = List.of(new int[] {1, 2, 3, 4, 5}, new int[] {7}, new int[] {9, 9, 8});

  @Test
  void sameSeedSameTokensOtherSeedOtherTokens() {
    List<Generation> a = Generator.generate(model, PROMPTS, SamplingParams.sample(1.0, 20, 123));
    List<Generation> b = Generator.generate(model, PROMPTS, SamplingParams.sample(1.0, 20, 123));
    List<Generation> c = Generator.generate(model, PROMPTS, SamplingParams.sample(1.0, 20, 124));
    boolean anyDifferent = false;
    for (int i = 0; i < PROMPTS.size(); i++) {
      assertArrayEquals(a.get(i).tokens(), b.get(i).tokens());
      anyDifferent |= !java.util.Arrays.equals(a.get(i).tokens(), c.get(i).tokens());
    }
    assertTrue(anyDifferent, "a different seed should change some tokens");
  }

  @Test
  void aRowsTokensDoNotDependOnItsBatch() {
    List<Generation> batched = Generator.generate(model, PROMPTS, SamplingParams.sample(1.0, 12, 99));
    List<Generation> alone = Generator.generate(model, List.of(PROMPTS.get(0)), SamplingParams.sample(1.0, 12, 99));
    assertArrayEquals(alone.get(0).tokens(), batched.get(0).tokens());
  }

  @Test
  void rowsOfASharedPromptEachGenerateAsThatPromptAlone() {
    int[] shared = PROMPTS.get(0);
    List<int[]> batch = List.of(shared, PROMPTS.get(1), shared.clone(), shared, PROMPTS.get(2));
    SamplingParams params = SamplingParams.sample(1.0, 12, 7);
    List<Generation> together = Generator.generate(model, batch, params);
    for (int r = 0; r < batch.size(); r++) {
      java.util.SplittableRandom[] own = {Sampler.rowRandom(params.seed(), r)};
      Generation alone = Generator.generate(model, List.of(batch.get(r)), params, own).get(0);
      assertArrayEquals(alone.tokens(), together.get(r).tokens(), "row " + r);
    }
    assertFalse(java.util.Arrays.equals(together.get(0).tokens(), together.get(2).tokens()),
        "rows of one prompt draw their own tokens");
  }

  @Test
  void greedyMatchesArgmaxOfTheFullForward() {
    int[] prompt = PROMPTS.get(2);
    Generation g = Generator.generate(model, List.of(prompt, PROMPTS.get(0)), SamplingParams.greedy(8)).get(0);
    int[] sequence = prompt.clone();
    try (NDManager step = manager.newSubManager()) {
      for (int i = 0; i < 8; i++) {
        NDArray logits = model.forward(step.create(sequence, new Shape(1, sequence.length)),
            step.ones(new Shape(1, sequence.length), DataType.INT32));
        NDArray last = logits.get(new NDIndex("0, -1"));
        int next = (int) last.argMax().getLong();
        assertEquals(next, g.tokens()[i], "token " + i);
        sequence = java.util.Arrays.copyOf(sequence, sequence.length + 1);
        sequence[sequence.length - 1] = next;
      }
    }
  }

  @Test
  void stopTokenEndsARowAndTheOthersGoOn() {
    Generation free = Generator.generate(model, PROMPTS, SamplingParams.greedy(10)).get(1);
    int stop = free.tokens()[3];
    List<Generation> out = Generator.generate(model, PROMPTS, SamplingParams.greedy(10, stop));
    Generation row1 = out.get(1);
    int firstStop = 0;
    while (free.tokens()[firstStop] != stop) {
      firstStop++;
    }
    assertEquals(firstStop + 1, row1.tokens().length);
    assertTrue(row1.stopped());
    for (Generation g : out) {
      assertTrue(g.stopped() || g.tokens().length == 10);
      assertFalse(g.stopped() && g.tokens()[g.tokens().length - 1] != stop);
    }
  }
}

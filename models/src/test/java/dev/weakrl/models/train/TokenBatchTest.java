package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.weakrl.models.nn.Llama;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBatchTest {
  @Test
  void marksOnlyResponseTokensAsTargetsAndPadsRight() {
    TokenBatch b = TokenBatch.of(List.of(new int[] {7, 8}, new int[] {9}), List.of(new int[] {5, 2}, new int[] {6}), 0);
    assertEquals(4, b.width());
    assertArrayEquals(new int[] {7, 8, 5, 2, /**/ 9, 6, 0, 0}, b.tokens());
    assertArrayEquals(new int[] {1, 1, 1, 1, /**/ 1, 1, 0, 0}, b.attention());
    assertArrayEquals(new int[] {0, 0, 1, 1, /**/ 0, 1, 0, 0}, b.targets());
    assertEquals(3, b.targetCount());
    assertEquals(6, b.tokenCount());
  }

  @Test
  void emptyPromptsMakeEveryTokenATarget() {
    TokenBatch b = TokenBatch.of(List.of(new int[0]), List.of(new int[] {3, 4, 5}), 0);
    assertArrayEquals(new int[] {1, 1, 1}, b.targets());
    assertEquals(2, b.targetCount()); // the first token has no prediction
  }

  @Test
  void responseLossIsTheMeanNllOfResponseTokensOnly() {
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(AdamWTest.CONFIG, m, 4)) {
      TokenBatch b = TokenBatch.of(List.of(new int[] {7, 8, 3}), List.of(new int[] {5, 2}), 0);
      NDArray[] a = b.toArrays(m);
      float[] logProbs = model.logProbs(a[0], a[1]).toFloatArray(); // predictions of tokens 1..4
      float expected = -(logProbs[2] + logProbs[3]) / 2; // tokens 5 and 2 only
      float loss = Objective.nll(b, 1.0, m).loss(model).value().getFloat();
      assertEquals(expected, loss, 1e-5);
    }
  }
}

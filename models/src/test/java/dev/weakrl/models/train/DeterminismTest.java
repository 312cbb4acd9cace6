package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.weakrl.models.ChildJvm;
import dev.weakrl.models.nn.EngineThreads;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.CharTokenizer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The same training in two processes gives the same bits: the embedded default's shapes (so ops
 * are large enough to run on several threads) on every core, in two fresh JVMs whose engines each
 * start on their own.
 */
class DeterminismTest {
  @Test
  void twoProcessesTrainToTheSameWeights() {
    String a = ChildJvm.run(DeterminismTest.class, Map.of()).trim();
    String b = ChildJvm.run(DeterminismTest.class, Map.of()).trim();
    assertEquals(a, b);
  }

  /** Trains 8 steps of batch 8 × 128 and prints the thread count and the SHA-256 of every weight's bytes. */
  public static void main(String[] args) throws Exception {
    LlamaConfig config = LlamaConfig.tiny(CharTokenizer.standard().vocabSize());
    SplittableRandom random = new SplittableRandom(3);
    int[] stream = random.ints(4000, 0, config.vocabSize()).toArray();
    Trainer.Settings settings = Trainer.Settings.of(8, new LrSchedule(1e-3, 2, 8, 1e-4), 7);
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(config, m, 1)) {
      new Trainer(model, CharTokenizer.standard(), settings, null, s -> {})
          .run(new CausalLmObjective(stream, 128, 8, 1));
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (NDArray p : model.parameters().values()) {
        digest.update(p.toByteBuffer());
      }
      System.out.println("threads " + EngineThreads.get() + " weights " + HexFormat.of().formatHex(digest.digest()));
    }
  }
}

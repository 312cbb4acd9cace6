package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.nn.NoGradient;
import dev.weakrl.models.tokenizer.CharTokenizer;
import dev.weakrl.models.tokenizer.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One GRPO step through the trainer, on the engine's thread and on a fresh one. */
class GrpoObjectiveTest {
  private static final Tokenizer TOKENIZER = CharTokenizer.standard();

  /** Gradient norm of one GRPO step from a fixed random model, rewarded for responses with a digit. */
  private static double oneStepGradNorm() {
    try (NDManager m = NDManager.newBaseManager();
        Llama model = Llama.init(LlamaConfig.tiny(TOKENIZER.vocabSize()), m, 7);
        Llama reference = Llama.init(LlamaConfig.tiny(TOKENIZER.vocabSize()), m, 7)) {
      List<int[]> prompts = List.of(TOKENIZER.encode("Q: 1+2\nA: "), TOKENIZER.encode("Q: 3*4\nA: "));
      GrpoObjective.Settings settings = new GrpoObjective.Settings(2, 4, 4, 1.0, 12, 0.2, 0.001, true, 1, 1);
      GrpoObjective.RewardFunction digits = (prompt, responses, selfCertainty) -> {
        double[] r = new double[4];
        for (int i = 0; i < 4; i++) {
          r[i] = TOKENIZER.decode(responses.get(i)).chars().filter(Character::isDigit).count() % 2;
        }
        return new GrpoObjective.Rewards(r, r);
      };
      GrpoObjective objective = new GrpoObjective(prompts, reference, settings, digits, TOKENIZER.stopIds(),
          TOKENIZER.padId());
      Trainer.Settings trainer = Trainer.Settings.of(1, LrSchedule.constant(1e-3, 1), 3).withMaxConsecutiveSkips(1);
      List<Map<String, Double>> rows = new Trainer(model, TOKENIZER, trainer, null, s -> {})
          .run(objective);
      assertTrue(rows.get(0).get("zero_variance_groups") < 1, "the fixture needs a group with signal");
      return rows.get(0).get("grad_norm");
    }
  }

  @Test
  void aStepOnAFreshThreadHasTheGradientOfTheEngineThread() throws Exception {
    double engineThread = oneStepGradNorm();
    AtomicReference<Object> fresh = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        fresh.set(oneStepGradNorm());
      } catch (Throwable t) {
        fresh.set(t);
      }
    });
    worker.start();
    worker.join();
    if (fresh.get() instanceof Throwable t) {
      throw new AssertionError("the step on a fresh thread failed", t);
    }
    assertTrue(engineThread > 1e-3, "gradient norm " + engineThread);
    assertEquals(engineThread, (Double) fresh.get(), 1e-4 * engineThread);
  }

  @Test
  void noGradientScopeTurnsRecordingOffAndRestoresIt() throws Exception {
    AtomicReference<boolean[]> seen = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      boolean before = NoGradient.isRecording();
      boolean inside;
      try (NoGradient off = NoGradient.open()) {
        inside = NoGradient.isRecording();
      }
      seen.set(new boolean[] {before, inside, NoGradient.isRecording()});
    });
    worker.start();
    worker.join();
    assertTrue(seen.get()[0], "PyTorch records gradients on a fresh thread by default");
    assertFalse(seen.get()[1]);
    assertTrue(seen.get()[2]);
  }

  /**
   * Credit assignment: one GRPO update raises the log-probability of the responses it rewarded
   * and lowers that of the ones it did not (no offset between logits and tokens, no sign error).
   */
  @Test
  void anUpdateMovesProbabilityTowardRewardedResponses() {
    try (NDManager m = NDManager.newBaseManager();
        Llama model = Llama.init(LlamaConfig.tiny(TOKENIZER.vocabSize()), m, 11);
        Llama reference = Llama.init(LlamaConfig.tiny(TOKENIZER.vocabSize()), m, 11)) {
      int[] prompt = TOKENIZER.encode("Q: 1+2\nA: ");
      List<int[]> seen = new java.util.ArrayList<>();
      List<Double> paid = new java.util.ArrayList<>();
      GrpoObjective.RewardFunction evenLength = (p, responses, selfCertainty) -> {
        double[] r = new double[8];
        for (int i = 0; i < 8; i++) {
          r[i] = responses.get(i).length % 2;
          seen.add(responses.get(i));
          paid.add(r[i]);
        }
        return new GrpoObjective.Rewards(r, r);
      };
      GrpoObjective objective = new GrpoObjective(List.of(prompt), reference,
          new GrpoObjective.Settings(1, 8, 8, 1.0, 10, 0.2, 0, true, 1, 1), evenLength, TOKENIZER.stopIds(),
          TOKENIZER.padId());
      new Trainer(model, TOKENIZER, Trainer.Settings.of(1, LrSchedule.constant(3e-3, 1), 5).withMaxConsecutiveSkips(1),
          null, s -> {}).run(objective);
      double[] before;
      try (Llama initial = Llama.init(LlamaConfig.tiny(TOKENIZER.vocabSize()), m, 11)) {
        before = sequenceLogProbs(initial, prompt, seen, m);
      }
      double[] after = sequenceLogProbs(model, prompt, seen, m);
      double rewarded = 0;
      double unrewarded = 0;
      for (int i = 0; i < seen.size(); i++) {
        double change = after[i] - before[i];
        if (paid.get(i) == 1) {
          assertTrue(change > 0, "rewarded response " + i + " lost probability: " + change);
          rewarded++;
        } else {
          assertTrue(change < 0, "unrewarded response " + i + " gained probability: " + change);
          unrewarded++;
        }
      }
      assertTrue(rewarded > 0 && unrewarded > 0, "the fixture needs both kinds");
    }
  }

  /** Σ log p of each response's tokens (its EOS included) after the prompt. */
  private static double[] sequenceLogProbs(Llama model, int[] prompt, List<int[]> responses, NDManager m) {
    try (NDManager scope = m.newSubManager(); NoGradient off = NoGradient.open()) {
      TokenBatch batch = TokenBatch.of(java.util.Collections.nCopies(responses.size(), prompt), responses,
          TOKENIZER.padId());
      ai.djl.ndarray.NDArray[] a = batch.toArrays(scope);
      float[] perToken = model.logProbs(a[0], a[1]).toFloatArray(); // (B, T−1)
      int[] targets = batch.targets();
      double[] sums = new double[responses.size()];
      for (int r = 0; r < batch.rows(); r++) {
        for (int t = 0; t < batch.width() - 1; t++) {
          sums[r] += targets[r * batch.width() + t + 1] * perToken[r * (batch.width() - 1) + t];
        }
      }
      return sums;
    }
  }
}

package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.CharTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  static final Trainer.Settings SETTINGS = Trainer.Settings.of(6, new LrSchedule(1e-2, 2, 6, 1e-3), 11)
      .withCheckpointEvery(2).withLogEvery(1).withMaxConsecutiveSkips(3);

  /** A repetitive stream: learnable, so the loss must fall. */
  static CausalLmObjective objective() {
    SplittableRandom random = new SplittableRandom(5);
    int[] stream = new int[400];
    for (int i = 0; i < stream.length; i++) {
      stream[i] = i % 7 == 0 ? random.nextInt(32) : i % 7 + 3;
    }
    return new CausalLmObjective(stream, 24, 4, 2);
  }

  static Trainer trainer(Llama model, String stepsDir, Trainer.Settings settings) {
    return new Trainer(model, CharTokenizer.standard(), settings, stepsDir, s -> {});
  }

  static float[] weights(Llama model) {
    List<Float> all = new ArrayList<>();
    for (NDArray p : model.parameters().values()) {
      for (float v : p.toFloatArray()) {
        all.add(v);
      }
    }
    float[] out = new float[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i);
    }
    return out;
  }

  @Test
  void lossFallsAndEveryStepHasARow() {
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(AdamWTest.CONFIG, m, 1)) {
      List<Map<String, Double>> rows = trainer(model, null, SETTINGS.withCheckpointEvery(0)).run(objective());
      assertEquals(6, rows.size());
      assertTrue(rows.get(5).get("loss") < rows.get(0).get("loss") - 0.3, rows.toString());
      assertEquals(5e-3, rows.get(0).get("lr"), 1e-12);
    }
  }

  @Test
  void aMonitorAddsFiguresAndCanEndTheRunWithAFinalCheckpoint(@TempDir Path dir) {
    String steps = dir.resolve("steps").toString();
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(AdamWTest.CONFIG, m, 1)) {
      List<Map<String, Double>> rows = trainer(model, steps, SETTINGS.withCheckpointEvery(2)).run(objective(), row -> {
        row.put("seen", 1.0);
        return row.get("step") < 2;
      });
      assertEquals(3, rows.size(), "steps 0, 1 and 2 ran; the monitor ended the run after step 2");
      assertTrue(rows.stream().allMatch(r -> r.get("seen") == 1.0));
      assertTrue(Trainer.latestCheckpoint(steps).endsWith("step-000003"), Trainer.latestCheckpoint(steps));
    }
  }

  @Test
  void aKilledRunResumesToTheSameWeights(@TempDir Path dir) {
    float[] uninterrupted;
    List<Map<String, Double>> expectedRows;
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(AdamWTest.CONFIG, m, 1)) {
      expectedRows = trainer(model, dir.resolve("a").toString(), SETTINGS).run(objective());
      uninterrupted = weights(model);
    }
    String steps = dir.resolve("b").toString();
    Objective dying = (step, model, random, manager) -> {
      if (step == 5) {
        throw new IllegalStateException("killed");
      }
      return objective().prepare(step, model, random, manager);
    };
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(AdamWTest.CONFIG, m, 1)) {
      assertThrows(IllegalStateException.class, () -> trainer(model, steps, SETTINGS).run(dying));
    }
    assertTrue(Trainer.latestCheckpoint(steps).endsWith("step-000004"));
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(AdamWTest.CONFIG, m, 99)) {
      List<Map<String, Double>> rows = trainer(model, steps, SETTINGS).run(objective());
      assertArrayEquals(uninterrupted, weights(model));
      assertEquals(6, rows.size());
      for (int i = 0; i < 6; i++) {
        assertEquals(expectedRows.get(i).get("loss"), rows.get(i).get("loss"), "loss of step " + i);
      }
    }
  }

  @Test
  void aCorruptNewestCheckpointFallsBackToTheNewestThatVerifies(@TempDir Path dir) throws IOException {
    float[] uninterrupted;
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(AdamWTest.CONFIG, m, 1)) {
      trainer(model, dir.resolve("a").toString(), SETTINGS).run(objective());
      uninterrupted = weights(model);
    }
    String steps = dir.resolve("b").toString();
    Objective dying = (step, model, random, manager) -> {
      if (step == 5) {
        throw new IllegalStateException("killed");
      }
      return objective().prepare(step, model, random, manager);
    };
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(AdamWTest.CONFIG, m, 1)) {
      assertThrows(IllegalStateException.class, () -> trainer(model, steps, SETTINGS).run(dying));
    }
    Path newest = Path.of(steps, "step-000004", Checkpoint.WEIGHTS);
    byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length / 2] ^= 1; // one flipped bit inside a tensor
    Files.write(newest, bytes);
    List<String> log = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(AdamWTest.CONFIG, m, 99)) {
      List<Map<String, Double>> rows = new Trainer(model, CharTokenizer.standard(), SETTINGS, steps, log::add)
          .run(objective());
      assertArrayEquals(uninterrupted, weights(model), "steps 2 to 5 rerun from step-000002 to the same weights");
      assertEquals(6, rows.size());
    }
    String all = String.join("\n", log);
    assertTrue(all.contains("step-000004 does not verify") && all.contains("falling back to " + steps + "/step-000002")
        && all.contains("resuming from " + steps + "/step-000002"), all);
  }

  @Test
  void nonFiniteLossesAreSkippedThenAbort() {
    int[] calls = {0};
    Objective sometimesNan = (step, model, random, manager) -> {
      Objective.Step real = objective().prepare(step, model, random, manager);
      boolean poison = step >= 1; // step 0 trains, then every loss is NaN
      Objective.MicroBatch nan = mdl -> Objective.Loss.of(real.updates().get(0).get(0).loss(mdl).value().mul(Float.NaN));
      calls[0]++;
      return poison ? new Objective.Step(List.of(List.of(nan)), Map.of(), 1) : real;
    };
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(AdamWTest.CONFIG, m, 1)) {
      Trainer.Settings settings = Trainer.Settings.of(10, LrSchedule.constant(1e-3, 10), 1).withLogEvery(1)
          .withMaxConsecutiveSkips(3);
      Trainer.DivergedException e = assertThrows(Trainer.DivergedException.class,
          () -> trainer(model, null, settings).run(sometimesNan));
      assertTrue(e.getMessage().contains("3 consecutive steps up to step 3"), e.getMessage());
      assertEquals(4, calls[0]);
      for (NDArray p : model.parameters().values()) {
        assertTrue(Float.isFinite(p.sum().getFloat()), "skipped steps must not update the weights");
      }
    }
  }
}

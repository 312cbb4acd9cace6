package dev.weakrl.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamWTest {
  static final LlamaConfig CONFIG = new LlamaConfig("llama", 32, 32, 64, 2, 4, 2, 8, 64, 1e-5, 10000.0, null, true, false, false);

  /** Four random sequences of 24 tokens: memorising them needs working backward and updates. */
  static NDArray[] fixedBatch(NDManager m) {
    SplittableRandom random = new SplittableRandom(3);
    int[] ids = new int[4 * 24];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(CONFIG.vocabSize());
    }
    NDArray tokens = m.create(ids, new Shape(4, 24));
    NDArray mask = m.ones(new Shape(4, 24), ai.djl.ndarray.types.DataType.INT32);
    return new NDArray[] {tokens, mask};
  }

  static double trainStep(Llama model, AdamW optimizer, NDArray[] batch, double lr, NDManager parent) {
    try (NDManager step = parent.newSubManager()) {
      for (NDArray a : batch) {
        a.tempAttach(step); // the forward's temporaries land in the manager of its inputs
      }
      NDArray loss;
      try (GradientScope scope = GradientScope.open()) {
        loss = Losses.maskedNll(model, batch[0], batch[1], batch[1]);
        scope.backward(loss);
      }
      double value = loss.getFloat();
      optimizer.step(lr, step);
      return value;
    }
  }

  @Test
  void tinyModelOverfitsAFixedBatch() {
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(CONFIG, m, 1)) {
      model.setTrainable(true);
      NDArray[] batch = fixedBatch(m);
      try (AdamW optimizer = new AdamW(model.parameters(), new AdamW.Settings(0.9, 0.95, 1e-8, 0.0, 1.0), m)) {
        double first = trainStep(model, optimizer, batch, 1e-2, m);
        double last = first;
        for (int i = 0; i < 200; i++) {
          last = trainStep(model, optimizer, batch, 1e-2, m);
        }
        // Uniform guessing costs ln(32) = 3.47 nats; memorised, the loss is near 0.
        assertEquals(Math.log(32), first, 0.3);
        assertTrue(last < 0.01, "loss after 200 steps: " + last);
      }
    }
  }

  @Test
  void stepsLeaveNoArraysBehind() {
    try (NDManager m = NDManager.newBaseManager(); Llama model = Llama.init(CONFIG, m, 1)) {
      model.setTrainable(true);
      NDArray[] batch = fixedBatch(m);
      try (AdamW optimizer = new AdamW(model.parameters(), AdamW.Settings.defaults(), m)) {
        trainStep(model, optimizer, batch, 1e-3, m);
        int modelArrays = model.manager().getManagedArrays().size();
        int rootArrays = m.getManagedArrays().size();
        for (int i = 0; i < 20; i++) {
          trainStep(model, optimizer, batch, 1e-3, m);
        }
        assertEquals(modelArrays, model.manager().getManagedArrays().size(), "arrays leaked into the model's manager");
        assertEquals(rootArrays, m.getManagedArrays().size(), "arrays leaked into the caller's manager");
      }
    }
  }

  @Test
  void clippingBoundsTheUpdateAndReportsTheRawNorm() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {1f, 2f}, new Shape(1, 2));
      w.setRequiresGradient(true);
      try (AdamW optimizer = new AdamW(Map.of("w", w), new AdamW.Settings(0.9, 0.999, 1e-8, 0.0, 1.0), m);
          NDManager step = m.newSubManager()) {
        try (GradientScope scope = GradientScope.open()) {
          scope.backward(w.mul(m.create(new float[] {30f, 40f}, new Shape(1, 2))).sum());
        }
        double norm = optimizer.step(0.1, step);
        assertEquals(50.0, norm, 1e-4);
        // First Adam step moves every coordinate by lr · sign(g), whatever the clipping scale.
        float[] after = w.toFloatArray();
        assertEquals(0.9f, after[0], 1e-4f);
        assertEquals(1.9f, after[1], 1e-4f);
      }
    }
  }

  @Test
  void aNonFiniteGradientUpdatesNothingAndIsDropped() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {1f, 2f}, new Shape(1, 2));
      w.setRequiresGradient(true);
      try (AdamW optimizer = new AdamW(Map.of("w", w), AdamW.Settings.defaults(), m);
          NDManager step = m.newSubManager()) {
        try (GradientScope scope = GradientScope.open()) {
          scope.backward(w.mul(m.create(new float[] {Float.NaN, 1f}, new Shape(1, 2))).sum());
        }
        assertTrue(Double.isNaN(optimizer.step(0.1, step)));
        assertEquals(0, optimizer.steps());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1f, 2f}, w.toFloatArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0f, 0f}, w.getGradient().toFloatArray());
      }
    }
  }
}

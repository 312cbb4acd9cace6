package dev.weakrl.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.models.checkpoint.CorruptCheckpointException;
import dev.weakrl.models.checkpoint.TensorFile;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.Tokenizer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one training loop. Each step runs in a fixed order: set the learning rate; checkpoint at
 * its interval; run the objective's micro-batches with gradient accumulation;
 * clip, update and zero the gradients (one {@link AdamW#step}); record the metrics row; print a
 * progress line at the log interval.
 *
 * <p>Resumable: every {@code checkpointEvery} steps it writes {@code <stepsDir>/step-NNNNNN/}, a
 * loadable {@link Checkpoint} plus {@code optimizer.parquet} (AdamW moments) and, last, {@code
 * trainer.json} (step, seed, metrics so far). Per-step randomness is a pure function of (seed,
 * step), so the checkpoint's step is its RNG state, and a run restarted with the same options
 * continues from the newest complete checkpoint to the same weights as an uninterrupted run.
 *
 * <p>A step whose loss or gradient norm is NaN or infinite is skipped (gradients dropped, row
 * marked {@code skipped}); {@code maxConsecutiveSkips} such steps in a row abort the run.
 */
public final class Trainer {
  public static final String OPTIMIZER = "optimizer.parquet";
  public static final String STATE = "trainer.json";

  /**
   * @param steps total optimizer steps
   * @param checkpointEvery step checkpoints every this many steps (0: none); needs a steps dir
   * @param logEvery progress line every this many steps
   */
  public record Settings(int steps, LrSchedule schedule, AdamW.Settings optimizer, long seed,
      int checkpointEvery, int logEvery, int maxConsecutiveSkips) {
    public Settings {
      if (steps < 1 || checkpointEvery < 0 || logEvery < 1 || maxConsecutiveSkips < 1) {
        throw new IllegalArgumentException("trainer: need steps >= 1, checkpointEvery >= 0, logEvery >= 1,"
            + " maxConsecutiveSkips >= 1; got " + this);
      }
    }

    /**
     * {@code steps} steps on {@code schedule} with AdamW's defaults: no step checkpoints, a progress
     * line every 5% of the run, abort after 5 non-finite steps in a row.
     */
    public static Settings of(int steps, LrSchedule schedule, long seed) {
      return new Settings(steps, schedule, AdamW.Settings.defaults(), seed, 0, Math.max(1, steps / 20), 5);
    }

    public Settings withCheckpointEvery(int every) {
      return new Settings(steps, schedule, optimizer, seed, every, logEvery, maxConsecutiveSkips);
    }

    public Settings withLogEvery(int every) {
      return new Settings(steps, schedule, optimizer, seed, checkpointEvery, every, maxConsecutiveSkips);
    }

    public Settings withMaxConsecutiveSkips(int skips) {
      return new Settings(steps, schedule, optimizer, seed, checkpointEvery, logEvery, skips);
    }
  }

  /**
   * Sees each step's metrics row before its progress line: may add figures to the row (they go to
   * the metrics file and the progress line) and end the run after the step. A resumed run replays
   * the restored rows into it first.
   */
  public interface StepMonitor {
    StepMonitor NONE = row -> true;

    /** @return false to end the run after this step */
    boolean afterStep(Map<String, Double> row);
  }

  /** Raised when too many consecutive steps had a non-finite loss. */
  public static final class DivergedException extends RuntimeException {
    DivergedException(String message) {
      super(message);
    }
  }

  private final Llama model;
  private final Tokenizer tokenizer;
  private final Settings settings;
  private final String stepsDir;
  private final Consumer<String> log;

  /**
   * @param stepsDir where step checkpoints go and resume looks (null: no checkpoints, no resume)
   */
  public Trainer(Llama model, Tokenizer tokenizer, Settings settings, String stepsDir, Consumer<String> log) {
    if (settings.checkpointEvery() > 0 && stepsDir == null) {
      throw new IllegalArgumentException("trainer: checkpointEvery > 0 needs a steps directory");
    }
    this.model = model;
    this.tokenizer = tokenizer;
    this.settings = settings;
    this.stepsDir = stepsDir;
    this.log = log;
  }

  /** The step's random source: a pure function of (seed, step). */
  public static SplittableRandom stepRandom(long seed, long step) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L);
  }

  public List<Map<String, Double>> run(Objective objective) {
    return run(objective, StepMonitor.NONE);
  }

  /**
   * Trains to {@code settings.steps()}, or until {@code monitor} ends the run, resuming if a step
   * checkpoint exists; one row per step.
   */
  public List<Map<String, Double>> run(Objective objective, StepMonitor monitor) {
    model.setTrainable(true);
    List<Map<String, Double>> rows = new ArrayList<>();
    try (AdamW optimizer = new AdamW(model.parameters(), settings.optimizer(), model.manager())) {
      int start = resume(optimizer, rows);
      rows.forEach(monitor::afterStep);
      int skipsInARow = 0;
      long began = System.nanoTime();
      int end = settings.steps();
      for (int step = start; step < end; step++) {
        double lr = settings.schedule().at(step);
        if (settings.checkpointEvery() > 0 && step > start && step % settings.checkpointEvery() == 0) {
          saveCheckpoint(step, optimizer, rows);
        }
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("step", (double) step);
        row.put("lr", lr);
        boolean finite = runStep(step, lr, objective, optimizer, row);
        skipsInARow = finite ? 0 : skipsInARow + 1;
        rows.add(row);
        if (!finite) {
          String what = Double.isFinite(row.getOrDefault("loss", Double.NaN)) ? "gradient norm" : "loss";
          log.accept(String.format("step %d: non-finite %s, step skipped (%d in a row)", step, what,
              skipsInARow));
          if (skipsInARow >= settings.maxConsecutiveSkips()) {
            throw new DivergedException("training diverged: " + skipsInARow + " consecutive steps up to step "
                + step + " had a NaN or infinite loss (limit " + settings.maxConsecutiveSkips() + ")");
          }
        }
        if (!monitor.afterStep(row)) {
          end = step + 1;
        }
        if ((step + 1) % settings.logEvery() == 0 || step + 1 == end) {
          log.accept(progress(row, step + 1 - start, began));
        }
      }
      if (settings.checkpointEvery() > 0 && start < end) {
        saveCheckpoint(end, optimizer, rows);
      }
    }
    model.setTrainable(false);
    return rows;
  }

  /**
   * Micro-batches, clip, update, zero-grad. Returns false, updating nothing, when an update's loss
   * or gradient norm comes out NaN or infinite.
   */
  private boolean runStep(int step, double lr, Objective objective, AdamW optimizer, Map<String, Double> row) {
    long t0 = System.nanoTime();
    try (NDManager scratch = model.manager().newSubManager()) {
      Objective.Step work = objective.prepare(step, model, stepRandom(settings.seed(), step), scratch);
      row.putAll(work.figures());
      double lossSum = 0;
      double norm = 0;
      Map<String, Double> stats = new LinkedHashMap<>();
      int microBatches = 0;
      for (List<Objective.MicroBatch> update : work.updates()) {
        Update done = runUpdate(update, lr, optimizer, scratch);
        if (!done.finite()) {
          optimizer.zeroGradients(scratch);
          row.put("loss", done.lossSum());
          if (Double.isFinite(done.lossSum())) {
            row.put("grad_norm", done.norm());
          }
          row.put("skipped", 1.0);
          return false;
        }
        lossSum += done.lossSum();
        norm = done.norm();
        done.stats().forEach((k, v) -> stats.merge(k, v, Double::sum));
        microBatches += update.size();
      }
      int n = microBatches;
      row.put("loss", lossSum / work.updates().size()); // micro-batch losses are pre-weighted: sum per update
      stats.forEach((k, v) -> row.put(k, v / n));
      row.put("grad_norm", norm);
      row.put("skipped", 0.0);
      double seconds = (System.nanoTime() - t0) / 1e9;
      row.put("step_seconds", seconds);
      row.put("tokens_per_s", work.tokens() / seconds);
      return true;
    }
  }

  /** One update's outcome: summed micro-batch losses, the gradient norm and summed stats. */
  private record Update(double lossSum, double norm, Map<String, Double> stats) {
    boolean finite() {
      return Double.isFinite(lossSum) && Double.isFinite(norm);
    }
  }

  /**
   * The micro-batches of one update, then clip and update. On a non-finite loss (seen before its
   * backward) or gradient norm the gradients are dropped and the weights left as they were.
   */
  private Update runUpdate(List<Objective.MicroBatch> update, double lr, AdamW optimizer, NDManager scratch) {
    double lossSum = 0;
    Map<String, Double> stats = new LinkedHashMap<>();
    for (int i = 0; i < update.size(); i++) {
      try (GradientScope scope = GradientScope.open()) {
        Objective.Loss l = update.get(i).loss(model);
        // The one host read per micro-batch: the NaN guard must see the loss before backward.
        double loss = l.value().getFloat();
        if (!Double.isFinite(loss)) {
          if (i > 0) { // drop this update's gradients; before the first backward there are none
            optimizer.zeroGradients(scratch);
          }
          return new Update(loss, Double.NaN, stats);
        }
        scope.backward(l.value());
        l.stats().forEach((k, v) -> stats.merge(k, (double) v.getFloat(), Double::sum));
        lossSum += loss;
      }
    }
    double norm = optimizer.step(lr, scratch); // a non-finite norm: AdamW dropped the update
    return new Update(lossSum, norm, stats);
  }

  private String progress(Map<String, Double> row, int done, long began) {
    double elapsed = (System.nanoTime() - began) / 1e9;
    long remaining = settings.steps() - row.get("step").longValue() - 1;
    String headline = row.containsKey("reward_mean")
        ? String.format("reward %.3f", row.get("reward_mean")) : String.format("loss %.4f", row.get("loss"));
    if (row.containsKey("reward_smoothed")) {
      headline += String.format(" (smoothed %.3f, max %.3f)", row.get("reward_smoothed"), row.get("reward_max"));
    }
    return String.format("step %d/%d  %s  lr %.2e  tokens/s %.0f  eta %ds", row.get("step").longValue() + 1,
        settings.steps(), headline, row.get("lr"), row.getOrDefault("tokens_per_s", 0.0),
        Math.round(elapsed / done * remaining));
  }

  private String stepDir(int step) {
    return Storage.resolve(stepsDir, String.format("step-%06d", step));
  }

  private void saveCheckpoint(int step, AdamW optimizer, List<Map<String, Double>> rows) {
    String dir = stepDir(step);
    ObjectNode extras = Json.object().put("step", step).put("seed", settings.seed());
    Checkpoint.save(dir, model.config(), tokenizer, model.parameters(), extras);
    TensorFile.write(Storage.resolve(dir, OPTIMIZER), optimizer.state());
    ObjectNode state = Json.object().put("step", step).put("seed", settings.seed())
        .put("optimizer_steps", optimizer.steps());
    ArrayNode saved = state.putArray("rows");
    for (Map<String, Double> row : rows) {
      ObjectNode r = saved.addObject();
      row.forEach(r::put);
    }
    Json.writeFile(Storage.resolve(dir, STATE), state); // written last: marks the checkpoint resumable
    log.accept("checkpoint " + dir);
  }

  /**
   * Loads the newest step checkpoint that verifies, if any; returns the step to continue from. A
   * newer one that does not verify (a flipped byte, a truncated file) is passed over, and the log
   * says so: the run then repeats the steps since the older one, to the same weights.
   */
  private int resume(AdamW optimizer, List<Map<String, Double>> rows) {
    List<String> candidates = resumableCheckpoints(stepsDir);
    for (int i = candidates.size() - 1; i >= 0; i--) {
      String dir = candidates.get(i);
      try {
        int step = restore(dir, optimizer, rows);
        log.accept("resuming from " + dir);
        return step;
      } catch (CorruptCheckpointException | UncheckedIOException e) {
        log.accept("step checkpoint " + dir + " does not verify (" + e.getMessage() + "); "
            + (i > 0 ? "falling back to " + candidates.get(i - 1) : "starting from step 0"));
      }
    }
    return 0;
  }

  /** Restores weights, moments and rows from {@code dir}, changing nothing unless all of it verifies. */
  private int restore(String dir, AdamW optimizer, List<Map<String, Double>> rows) {
    String statePath = Storage.resolve(dir, STATE);
    JsonNode state;
    try {
      state = Json.read(statePath);
    } catch (IllegalArgumentException e) { // not valid JSON
      throw new CorruptCheckpointException(e.getMessage(), e);
    }
    if (state.path("seed").asLong() != settings.seed()) {
      throw new IllegalArgumentException(statePath + ": checkpoint was trained with seed "
          + state.path("seed").asLong() + ", this run has seed " + settings.seed());
    }
    try (NDManager scratch = model.manager().newSubManager()) {
      Map<String, NDArray> weights = Checkpoint.load(dir, scratch).tensors();
      Map<String, NDArray> moments = TensorFile.read(Storage.resolve(dir, OPTIMIZER), scratch);
      for (Map.Entry<String, NDArray> p : model.parameters().entrySet()) {
        NDArray saved = weights.get(p.getKey());
        if (saved == null || !saved.getShape().equals(p.getValue().getShape())) {
          throw new IllegalArgumentException(dir + ": tensor " + p.getKey() + " is missing or has another shape");
        }
      }
      model.parameters().forEach((name, p) -> p.set(weights.get(name).toByteBuffer()));
      optimizer.restore(moments, state.path("optimizer_steps").asLong());
    }
    for (JsonNode r : state.path("rows")) {
      Map<String, Double> row = new LinkedHashMap<>();
      r.fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().asDouble()));
      rows.add(row);
    }
    return state.path("step").asInt();
  }

  /** The newest {@code step-NNNNNN} under {@code stepsDir} with a {@code trainer.json}, or null. */
  public static String latestCheckpoint(String stepsDir) {
    List<String> all = resumableCheckpoints(stepsDir);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** The {@code step-NNNNNN} directories under {@code stepsDir} with a {@code trainer.json}, oldest first. */
  private static List<String> resumableCheckpoints(String stepsDir) {
    List<String> found = new ArrayList<>();
    if (stepsDir == null) {
      return found;
    }
    Pattern resumable = Pattern.compile(".*/(step-\\d{6})/" + STATE + "$");
    for (String path : Storage.list(stepsDir)) { // sorted: oldest first
      Matcher m = resumable.matcher(path);
      if (m.matches()) {
        found.add(Storage.resolve(stepsDir, m.group(1)));
      }
    }
    return found;
  }
}

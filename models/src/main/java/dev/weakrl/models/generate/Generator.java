package dev.weakrl.models.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.weakrl.models.nn.KvCache;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.NoGradient;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Batched, KV-cached generation. Prompts are left-padded to a common length and prefilled in one
 * forward, each distinct prompt once: a prompt asked for several responses (GRPO's group) has its
 * cache rows and last logits copied to each of its rows, so prefill costs the distinct prompts, not
 * the rows. Each decode step then feeds one token per unfinished row, drawn on the engine
 * ({@link Sampler}: only the ids come back to the host). Rows that finish are dropped
 * from the batch and the cache, so they stop costing compute. Each row draws from its own random
 * source (seed, row), so a row's tokens do not depend on the other rows.
 */
public final class Generator {
  private Generator() {}

  public static List<Generation> generate(Llama model, List<int[]> prompts, SamplingParams params) {
    SplittableRandom[] random = new SplittableRandom[prompts.size()];
    for (int r = 0; r < random.length; r++) {
      random[r] = Sampler.rowRandom(params.seed(), r);
    }
    return generate(model, prompts, params, random);
  }

  /**
   * As {@link #generate(Llama, List, SamplingParams)}, with row r drawing from {@code random[r]}
   * ({@code params.seed()} unused): several independently seeded requests in one batch.
   */
  public static List<Generation> generate(Llama model, List<int[]> prompts, SamplingParams params,
      SplittableRandom[] random) {
    int n = prompts.size();
    if (random.length != n) {
      throw new IllegalArgumentException(n + " prompts need as many random sources, got " + random.length);
    }
    int width = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    if (prompts.stream().anyMatch(p -> p.length == 0)) {
      throw new IllegalArgumentException("every prompt needs at least one token");
    }
    List<List<Integer>> tokens = new ArrayList<>();
    boolean[] stopped = new boolean[n];
    for (int r = 0; r < n; r++) {
      tokens.add(new ArrayList<>());
    }
    int[] active = rangeOf(n); // batch slot -> row
    Map<IntBuffer, Integer> distinctIndex = new LinkedHashMap<>(); // equal prompts share one prefill row
    int[] prefillRow = new int[n];
    for (int r = 0; r < n; r++) {
      prefillRow[r] = distinctIndex.computeIfAbsent(IntBuffer.wrap(prompts.get(r)), k -> distinctIndex.size());
    }
    List<int[]> distinct = distinctIndex.keySet().stream().map(IntBuffer::array).toList();
    try (NoGradient noGradient = NoGradient.open(); NDManager manager = model.manager().newSubManager();
        KvCache cache = new KvCache(model.config(), distinct.size(), width + params.maxNewTokens(), manager)) {
      NDManager step = manager.newSubManager(); // one per forward: its arrays die when the ids are read
      NDArray logits = prefill(model, distinct, width, cache, step);
      if (distinct.size() < n) {
        cache.selectRows(prefillRow);
        logits = logits.get(step.create(prefillRow));
      }
      for (int position = 0; ; position++) {
        double[] uniforms = new double[active.length];
        if (params.temperature() != 0) {
          for (int slot = 0; slot < active.length; slot++) {
            uniforms[slot] = random[active[slot]].nextDouble();
          }
        }
        int[] next = Sampler.next(logits, params.temperature(), params.topP(), uniforms);
        step.close();
        List<Integer> keep = new ArrayList<>();
        for (int slot = 0; slot < active.length; slot++) {
          int row = active[slot];
          tokens.get(row).add(next[slot]);
          stopped[row] = params.isStop(next[slot]);
          if (!stopped[row] && position + 1 < params.maxNewTokens()) {
            keep.add(slot);
          }
        }
        if (keep.isEmpty()) {
          break;
        }
        if (keep.size() < active.length) {
          int[] slots = keep.stream().mapToInt(Integer::intValue).toArray();
          cache.selectRows(slots);
          int[] rows = new int[slots.length];
          int[] kept = new int[slots.length];
          for (int i = 0; i < slots.length; i++) {
            rows[i] = active[slots[i]];
            kept[i] = next[slots[i]];
          }
          active = rows;
          next = kept;
        }
        step = manager.newSubManager();
        logits = decode(model, prompts, tokens, active, next, cache, step);
      }
    }
    List<Generation> out = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      out.add(new Generation(tokens.get(r).stream().mapToInt(Integer::intValue).toArray(), stopped[r]));
    }
    return out;
  }

  /** Left-pads the prompts, runs them through the model, returns last-position logits (B, V) in {@code step}. */
  private static NDArray prefill(Llama model, List<int[]> prompts, int width, KvCache cache, NDManager step) {
    int n = prompts.size();
    int[] ids = new int[n * width];
    int[] positions = new int[n * width];
    int[] valid = new int[n * width];
    for (int r = 0; r < n; r++) {
      int[] p = prompts.get(r);
      int pad = width - p.length;
      for (int i = 0; i < p.length; i++) {
        ids[r * width + pad + i] = p[i];
        positions[r * width + pad + i] = i;
        valid[r * width + pad + i] = 1;
      }
    }
    Shape shape = new Shape(n, width);
    NDArray logits = model.forward(step.create(ids, shape), step.create(positions, shape), step.create(valid, shape), cache);
    return logits.get(new NDIndex(":, -1"));
  }

  /** Feeds one new token per active row; returns their next-token logits (B, V) in {@code step}. */
  private static NDArray decode(Llama model, List<int[]> prompts, List<List<Integer>> tokens, int[] active,
      int[] next, KvCache cache, NDManager step) {
    int b = active.length;
    int[] positions = new int[b];
    for (int slot = 0; slot < b; slot++) {
      int row = active[slot];
      positions[slot] = prompts.get(row).length + tokens.get(row).size() - 1;
    }
    Shape shape = new Shape(b, 1);
    int[] ones = new int[b];
    Arrays.fill(ones, 1);
    return model.forward(step.create(next, shape), step.create(positions, shape), step.create(ones, shape), cache)
        .reshape(b, -1);
  }

  private static int[] rangeOf(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}

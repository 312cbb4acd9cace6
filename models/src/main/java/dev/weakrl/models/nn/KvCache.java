package dev.weakrl.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for B sequences, preallocated for {@code capacity} slots and
 * written in place, so a decode step costs O(S) rather than recomputing the prefix. All rows fill
 * slots in lockstep; rows of different prompt lengths are left-padded and their pad slots marked
 * invalid. The arrays live in the cache's own manager: close the cache to free them.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private NDArray[] keys; // per layer (B, Hkv, capacity, Dh)
  private NDArray[] values; // per layer (B, Hkv, capacity, Dh)
  private NDArray valid; // (B, capacity) float: 1 for a real token's slot, 0 for padding or empty
  private final int capacity;
  private int length;
  private int pendingLength;
  private NDManager step; // the manager of the step in progress: views of the cache die with it

  public KvCache(LlamaConfig c, long batch, int capacity, NDManager parent) {
    if (capacity > c.maxPositions()) {
      throw new IllegalArgumentException(
          "KV cache of " + capacity + " slots exceeds max_position_embeddings " + c.maxPositions());
    }
    this.manager = parent.newSubManager();
    this.capacity = capacity;
    this.keys = new NDArray[c.numLayers()];
    this.values = new NDArray[c.numLayers()];
    Shape shape = new Shape(batch, c.numKvHeads(), capacity, c.headDim());
    for (int i = 0; i < c.numLayers(); i++) {
      keys[i] = manager.zeros(shape);
      values[i] = manager.zeros(shape);
    }
    valid = manager.zeros(new Shape(batch, capacity));
  }

  /** Slots filled so far. */
  public int length() {
    return length;
  }

  public int capacity() {
    return capacity;
  }

  public long batchSize() {
    return valid.getShape().get(0);
  }

  /**
   * Marks the next T slots with their validity (B, T) (1 real, 0 padding) and returns the additive
   * attention mask (B, 1, 1, T, S) for queries in those slots over slots [0, S), S = length + T:
   * a query sees valid slots up to and including its own.
   */
  NDArray beginStep(NDArray newValid, NDManager step) {
    int t = (int) newValid.getShape().get(1);
    if (length + t > capacity) {
      throw new IllegalStateException("KV cache full: " + length + " + " + t + " > " + capacity);
    }
    valid.set(new NDIndex().addAllDim().addSliceDim(length, length + t), newValid.toType(DataType.FLOAT32, false));
    pendingLength = length + t;
    this.step = step;
    NDArray seen = valid.get(new NDIndex().addAllDim().addSliceDim(0, pendingLength)); // (B, S)
    seen.attach(step);
    return AttentionMask.causal(seen, length, t);
  }

  NDArray appendKeys(int layer, NDArray k) {
    return append(keys[layer], k);
  }

  NDArray appendValues(int layer, NDArray v) {
    return append(values[layer], v);
  }

  // Indexes are built, not parsed from strings: a decode step makes several per layer.
  private NDArray append(NDArray store, NDArray fresh) {
    store.set(new NDIndex().addAllDim(2).addSliceDim(length, pendingLength), fresh);
    NDArray filled = store.get(new NDIndex().addAllDim(2).addSliceDim(0, pendingLength));
    filled.attach(step);
    return filled;
  }

  /** Called by the model after every layer has appended. */
  void endStep() {
    length = pendingLength;
    step = null;
  }

  /**
   * Row i becomes the current row {@code rows[i]}; a row may be taken several times or not at all.
   * Drops finished sequences (they stop costing compute) and copies a shared prompt's rows to
   * each response drawn from it.
   */
  public void selectRows(int[] rows) {
    NDArray index = manager.create(rows);
    for (int i = 0; i < keys.length; i++) {
      keys[i] = replace(keys[i], keys[i].get(index));
      values[i] = replace(values[i], values[i].get(index));
    }
    valid = replace(valid, valid.get(index));
    index.close();
  }

  private static NDArray replace(NDArray old, NDArray fresh) {
    old.close();
    return fresh;
  }

  @Override
  public void close() {
    manager.close();
  }
}

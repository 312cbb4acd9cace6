package dev.weakrl.study.eval;

import ai.djl.ndarray.NDManager;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.tokenizer.Tokenizer;

/**
 * A checkpoint (ours or a Hugging Face directory, see {@link Checkpoint#load}) loaded for sampling;
 * closing it frees its weights.
 */
public record LoadedModel(Llama model, Tokenizer tokenizer, NDManager manager) implements AutoCloseable {
  public static LoadedModel load(String dir) {
    NDManager manager = NDManager.newBaseManager();
    try {
      Checkpoint.Loaded loaded = Checkpoint.load(dir, manager);
      return new LoadedModel(loaded.model(manager), loaded.tokenizer(), manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}

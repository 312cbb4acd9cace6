package dev.weakrl.study.eval;

import ai.djl.ndarray.NDManager;
import dev.weakrl.common.Json;
import dev.weakrl.models.checkpoint.Checkpoint;
import dev.weakrl.models.nn.Llama;
import dev.weakrl.models.nn.LlamaConfig;
import dev.weakrl.models.tokenizer.CharTokenizer;

/** A randomly initialised embedded-size model saved as a checkpoint: the tests' model. */
public final class TinyCheckpoint {
  private TinyCheckpoint() {}

  public static String save(String dir, long seed) {
    CharTokenizer tokenizer = CharTokenizer.standard();
    LlamaConfig config = LlamaConfig.tiny(tokenizer.vocabSize());
    try (NDManager manager = NDManager.newBaseManager(); Llama model = Llama.init(config, manager, seed)) {
      Checkpoint.save(dir, config, tokenizer, model.parameters(), Json.object().put("seed", seed));
    }
    return dir;
  }
}

package dev.weakrl.models.tokenizer;

import java.util.Optional;

/**
 * Text to token ids and back. Implementations are immutable and safe to share across threads.
 * Special tokens ({@code <bos> <eos> <pad> <think> </think>} or the checkpoint's own) are
 * recognised in text by their literal spelling.
 */
public interface Tokenizer {
  int[] encode(String text);

  String decode(int[] ids);

  int vocabSize();

  int bosId();

  int eosId();

  int padId();

  /**
   * The ids that end a generated response: {@link #eosId} and, for a Hugging Face model, the
   * {@code eos_token_id}s of its {@code generation_config.json} (Llama 3 Instruct stops at {@code
   * <|eot_id|>} as well as {@code <|end_of_text|>}).
   */
  default int[] stopIds() {
    return new int[] {eosId()};
  }

  /** The chat template the tokenizer's files declare: how a conversation becomes a prompt ({@link ChatFormat}). */
  default Optional<ChatTemplate> chatTemplate() {
    return Optional.empty();
  }

  /** Writes the files that {@link Tokenizers#load} reads back, into checkpoint directory {@code dir}. */
  void save(String dir);
}

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

  /** The chat template the tokenizer's files declare: how a conversation becomes a prompt ({@link ChatFormat}). */
  default Optional<ChatTemplate> chatTemplate() {
    return Optional.empty();
  }

  /** Writes the files that {@link Tokenizers#load} reads back, into checkpoint directory {@code dir}. */
  void save(String dir);
}

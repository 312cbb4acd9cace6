package dev.weakrl.study.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weakrl.datasets.domain.Domain;
import dev.weakrl.datasets.domain.Domains;
import dev.weakrl.datasets.split.Split;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.Tokenizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddedPromptTest {
  /** The prompt as ChatFormat wrote it before chat templates: BOS, then {@code "Q: <question>\nA: "} encoded. */
  static int[] handWritten(Tokenizer tokenizer, String question) {
    int[] text = tokenizer.encode("Q: " + question + "\nA: ");
    int[] ids = new int[text.length + 1];
    ids[0] = tokenizer.bosId();
    System.arraycopy(text, 0, ids, 1, text.length);
    return ids;
  }

  @Test
  void theEmbeddedChatTemplateGivesTheHandWrittenPromptsTokenForToken() {
    Tokenizer tokenizer = Embedded.tokenizer();
    Random random = new Random(7);
    for (Domain domain : Domains.all()) {
      for (int level = 1; level <= Domain.LEVELS; level++) {
        for (int i = 0; i < 5; i++) {
          String question = domain.generate(random, level, Split.TRAIN).question();
          assertArrayEquals(handWritten(tokenizer, question), ChatFormat.prompt(tokenizer, question), question);
          assertEquals("Q: " + question + "\nA: ", ChatFormat.promptText(question), "the base corpus's prompts");
        }
      }
    }
  }
}

package dev.weakrl.study.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Message;
import dev.weakrl.datasets.Problem;
import dev.weakrl.models.tokenizer.ChatFormat;
import dev.weakrl.models.tokenizer.Tokenizer;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every message of a problem's prompt reaches the chat template, as veRL passes them. */
class ProblemPromptsTest {
  @Test
  void aOneMessagePromptIsTheQuestionsAndEveryMessageReachesTheTemplate() {
    Tokenizer tokenizer = Embedded.tokenizer();
    Problem question = Problem.of("p", "arith", 1, "Compute 2 + 3.", "5", null);
    assertArrayEquals(ChatFormat.prompt(tokenizer, "Compute 2 + 3."), ProblemPrompts.of(tokenizer, question));

    // A system message reaches the template, which writes it before the question, not dropped on the way.
    Problem withSystem = new Problem("q", "arith", 1, List.of(new Message("system", "Think step by step."),
        Message.user("Compute 2 + 3.")), "5", null, new TreeMap<>());
    assertEquals("<bos>Think step by step.\nQ: Compute 2 + 3.\nA: ", tokenizer.decode(ProblemPrompts.of(tokenizer, withSystem)));
    Problem twoQuestions = new Problem("r", "arith", 1, List.of(Message.user("Compute 2 + 3."),
        Message.user("Compute 3 + 4.")), "5", null, new TreeMap<>());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProblemPrompts.of(tokenizer, twoQuestions));
    assertTrue(e.getMessage().contains("one user message"), e.getMessage());
  }
}

package dev.weakrl.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Qwen3's real chat template and tokenizer ({@link NpmPackages#QWEN3_TOKENIZER}). Expected strings follow the
 * template's semantics: ChatML turns {@code <|im_start|>role\n…<|im_end|>\n}; an assistant turn after the last user
 * query keeps its {@code <think>} block, an earlier one loses it; {@code enable_thinking=false} opens the answer
 * with an empty think block.
 */
class Qwen3ChatTemplateTest {
  static HfTokenizer qwen3;
  static ChatTemplate template;

  @BeforeAll
  static void load() {
    qwen3 = HfTokenizer.load(NpmPackages.tokenizerDir(NpmPackages.QWEN3_TOKENIZER).toString());
    template = qwen3.chatTemplate().orElseThrow();
  }

  static final List<ChatMessage> SYSTEM_USER =
      List.of(new ChatMessage("system", "You are terse."), ChatMessage.user("What is 2+3?"));

  @Test
  void systemAndUserWithTheGenerationPrompt() {
    assertEquals("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nWhat is 2+3?<|im_end|>\n"
        + "<|im_start|>assistant\n", template.render(SYSTEM_USER, true, Map.of()));
    assertEquals("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nWhat is 2+3?<|im_end|>\n"
        + "<|im_start|>assistant\n<think>\n\n</think>\n\n",
        template.render(SYSTEM_USER, true, Map.of("enable_thinking", false)));
  }

  @Test
  void thinkingIsKeptOnlyAfterTheLastUserQuery() {
    ChatMessage earlier = new ChatMessage("assistant", "<think>\nplan\n</think>\n\nHello!");
    assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n"
        + "<|im_start|>user\n2+3?<|im_end|>\n<|im_start|>assistant\n<think>\nadd\n</think>\n\n\\boxed{5}<|im_end|>\n",
        template.render(List.of(ChatMessage.user("Hi"), earlier, ChatMessage.user("2+3?"),
            new ChatMessage("assistant", "<think>\nadd\n</think>\n\n\\boxed{5}")), false, Map.of()));
    // a tool response is not a user query, so the turn before it keeps its thinking
    assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\nplan\n</think>\n\nHello!<|im_end|>\n"
        + "<|im_start|>user\n<tool_response>\n42\n</tool_response><|im_end|>\n<|im_start|>assistant\n",
        template.render(List.of(ChatMessage.user("Hi"), earlier,
            ChatMessage.user("<tool_response>\n42\n</tool_response>")), true, Map.of()));
  }

  @Test
  void aPromptEncodesWithTheTemplatesSpecialTokens() {
    int[] ids = ChatFormat.prompt(qwen3, "What is 2+3?");
    assertEquals("<|im_start|>user\nWhat is 2+3?<|im_end|>\n<|im_start|>assistant\n", qwen3.decode(ids));
    int imStart = qwen3.encode("<|im_start|>")[0];
    assertEquals(1, qwen3.encode("<|im_start|>").length);
    assertEquals(imStart, ids[0]);
    assertEquals(qwen3.eosId(), qwen3.encode("<|im_end|>")[0], "eos_token is <|im_end|>");
  }
}

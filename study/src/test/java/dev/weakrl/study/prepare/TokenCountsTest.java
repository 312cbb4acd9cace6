package dev.weakrl.study.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weakrl.datasets.Problem;
import dev.weakrl.models.tokenizer.CharTokenizer;
import org.junit.jupiter.api.Test;

class TokenCountsTest {
  @Test
  void tokenCountsMeasurePromptAndTrace() {
    Problem p = TokenCounts.annotate(CharTokenizer.standard(), Problem.of("p", "arith", 1, "1+1?", "2", "\\boxed{2}"));
    assertEquals(String.valueOf(1 + "Q: 1+1?\nA: ".length()), p.meta(TokenCounts.PROMPT_TOKENS).orElseThrow()); // <bos>
    assertEquals(String.valueOf("\\boxed{2}".length() + 1), p.meta(TokenCounts.TRACE_TOKENS).orElseThrow());
  }
}

package dev.weakrl.study.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weakrl.datasets.Message;
import dev.weakrl.datasets.Problem;
import dev.weakrl.models.tokenizer.CharTokenizer;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TokenCountsTest {
  @Test
  void tokenCountsMeasurePromptAndTrace() {
    Problem p = TokenCounts.annotate(CharTokenizer.standard(), Problem.of("p", "arith", 1, "1+1?", "2", "\\boxed{2}"));
    assertEquals(String.valueOf(1 + "Q: 1+1?\nA: ".length()), p.meta(TokenCounts.PROMPT_TOKENS).orElseThrow()); // <bos>
    assertEquals(String.valueOf("\\boxed{2}".length() + 1), p.meta(TokenCounts.TRACE_TOKENS).orElseThrow());
  }

  @Test
  void saysWhyTheTokenizerCannotTakeAProblem() {
    CharTokenizer chars = CharTokenizer.standard();
    assertEquals(Optional.empty(), TokenCounts.unencodable(chars, Problem.of("p", "arith", 1, "1+1?", "2", "\\boxed{2}")));
    assertEquals(Optional.of("prompt message 0 (user): character '\t' (U+0009) at position 4 is not in the character"
        + " vocabulary"), TokenCounts.unencodable(chars, Problem.of("p", "arith", 1, "What\tnow", "2", null)));
    assertEquals(Optional.of("trace: character '\u2019' (U+2019) at position 2 is not in the character vocabulary"),
        TokenCounts.unencodable(chars, Problem.of("p", "arith", 1, "1+1?", "2", "it\u2019s 2")));
    Problem withSystem = new Problem("s", "arith", 1, List.of(new Message("system", "Be brief."), Message.user("1+1?")),
        "2", null, new TreeMap<>());
    assertEquals(Optional.empty(), TokenCounts.unencodable(chars, withSystem));
    Problem twoQuestions = new Problem("t", "arith", 1, List.of(Message.user("1+1?"), Message.user("2+2?")),
        "2", null, new TreeMap<>());
    String why = TokenCounts.unencodable(chars, twoQuestions).orElseThrow();
    assertTrue(why.contains("then one user message"), why);
  }
}

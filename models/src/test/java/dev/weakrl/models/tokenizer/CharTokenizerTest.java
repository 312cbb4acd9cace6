package dev.weakrl.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharTokenizerTest {
  private final CharTokenizer tokenizer = CharTokenizer.standard();

  @Test
  void vocabularyIsSpecialsThenPrintableAsciiThenNewline() {
    assertEquals(5 + 95 + 1, tokenizer.vocabSize());
    assertArrayEquals(new int[] {5, 5 + 'A' - 32, 100}, tokenizer.encode(" A\n"));
    assertEquals(0, tokenizer.padId());
    assertEquals(1, tokenizer.bosId());
    assertEquals(2, tokenizer.eosId());
  }

  @Test
  void roundTripsTextWithSpecials() {
    String text = "<bos>Q: 12+30=?\n<think>2+0=2, 1+3=4</think>42<eos><pad>";
    int[] ids = tokenizer.encode(text);
    assertEquals(CharTokenizer.BOS, ids[0]);
    assertEquals(CharTokenizer.THINK, ids[12]);
    assertEquals(CharTokenizer.PAD, ids[ids.length - 1]);
    assertEquals(text, tokenizer.decode(ids));
  }

  @Test
  void aLoneAngleBracketIsACharacter() {
    assertEquals("<b>", tokenizer.decode(tokenizer.encode("<b>")));
    assertEquals(3, tokenizer.encode("<b>").length);
  }

  @Test
  void unknownCharacterNamesTheCharacterAndPosition() {
    var e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("ab\tc"));
    assertTrue(e.getMessage().contains("U+0009") && e.getMessage().contains("position 2"), e.getMessage());
    var emoji = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("x😀"));
    assertTrue(emoji.getMessage().contains("'😀' (U+1F600) at position 1"), emoji.getMessage());
  }

  @Test
  void decodeRejectsIdsOutsideTheVocabulary() {
    assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {101}));
  }

  @Test
  void savesAndLoadsBack(@TempDir Path dir) {
    tokenizer.save(dir.toString());
    Tokenizer loaded = Tokenizers.load(dir.toString());
    assertInstanceOf(CharTokenizer.class, loaded);
    String text = "<bos>x = 7\n</think>";
    assertArrayEquals(tokenizer.encode(text), loaded.encode(text));
    assertEquals(tokenizer.vocabSize(), loaded.vocabSize());
  }
}

package dev.weakrl.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {
  /** A WordLevel model split on whitespace, with four special tokens as added tokens. */
  private static final String TOKENIZER_JSON = """
      {"version": "1.0", "truncation": null, "padding": null,
       "added_tokens": [%s],
       "normalizer": null, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null,
       "decoder": null,
       "model": {"type": "WordLevel", "unk_token": "<unk>", "vocab": {
         "<unk>": 0, "<s>": 1, "</s>": 2, "<pad>": 3, "hello": 4, "world": 5, "2": 6, "+": 7, "=": 8, "4": 9}}}
      """.formatted(String.join(",", added(0, "<unk>"), added(1, "<s>"), added(2, "</s>"), added(3, "<pad>")));

  private static String added(int id, String content) {
    return """
        {"id": %d, "content": "%s", "single_word": false, "lstrip": false, "rstrip": false,
         "normalized": false, "special": true}""".formatted(id, content);
  }

  @TempDir Path dir;

  private HfTokenizer write(String tokenizerJson, String tokenizerConfig) throws IOException {
    Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson);
    if (tokenizerConfig != null) {
      Files.writeString(dir.resolve("tokenizer_config.json"), tokenizerConfig);
    }
    return HfTokenizer.load(dir.toString());
  }

  @Test
  void encodesWithoutAddingSpecialsAndMatchesSpecialsInText() throws IOException {
    HfTokenizer tokenizer = write(TOKENIZER_JSON, null);
    assertArrayEquals(new int[] {4, 5}, tokenizer.encode("hello world"));
    assertArrayEquals(new int[] {1, 6, 7, 6, 8, 9, 2}, tokenizer.encode("<s>2 + 2 = 4</s>"));
    assertEquals("hello world", tokenizer.decode(new int[] {4, 5}));
    assertEquals(10, tokenizer.vocabSize());
  }

  @Test
  void neverTruncatesLongText() throws IOException {
    HfTokenizer tokenizer = write(TOKENIZER_JSON, null);
    assertEquals(2000, tokenizer.encode("hello ".repeat(2000)).length);
  }

  @Test
  void specialIdsFallBackToKnownSpellings() throws IOException {
    HfTokenizer tokenizer = write(TOKENIZER_JSON, null);
    assertEquals(1, tokenizer.bosId());
    assertEquals(2, tokenizer.eosId());
    assertEquals(3, tokenizer.padId());
  }

  @Test
  void specialIdsComeFromTokenizerConfig() throws IOException {
    HfTokenizer tokenizer = write(TOKENIZER_JSON,
        "{\"bos_token\": null, \"eos_token\": {\"content\": \"<pad>\"}, \"pad_token\": \"</s>\"}");
    assertEquals(1, tokenizer.bosId(), "a null bos_token falls back to the known spelling");
    assertEquals(3, tokenizer.eosId());
    assertEquals(2, tokenizer.padId());
  }

  @Test
  void configNamingAnUnknownTokenIsAnError() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> write(TOKENIZER_JSON, "{\"eos_token\": \"<|im_end|>\"}"));
    assertTrue(e.getMessage().contains("tokenizer_config.json") && e.getMessage().contains("<|im_end|>"), e.getMessage());
  }

  @Test
  void withoutPadTheEosPads() throws IOException {
    HfTokenizer tokenizer = write(TOKENIZER_JSON.replace("\"<pad>\"", "\"<sep>\""), null);
    assertEquals(2, tokenizer.padId());
  }

  @Test
  void savesTheSameFilesAndLoadsBack(@TempDir Path copy) throws IOException {
    String config = "{\"eos_token\": \"</s>\"}";
    HfTokenizer tokenizer = write(TOKENIZER_JSON, config);
    tokenizer.save(copy.toString());
    assertEquals(TOKENIZER_JSON, Files.readString(copy.resolve("tokenizer.json")));
    assertEquals(config, Files.readString(copy.resolve("tokenizer_config.json")));
    Tokenizer loaded = Tokenizers.load(copy.toString());
    assertInstanceOf(HfTokenizer.class, loaded);
    assertArrayEquals(tokenizer.encode("<s>hello"), loaded.encode("<s>hello"));
  }

  @Test
  void promptsThroughTheChatTemplateOfTokenizerConfig() throws IOException {
    HfTokenizer tokenizer = write(TOKENIZER_JSON, """
        {"bos_token": "<s>", "eos_token": "</s>",
         "chat_template": "{{ bos_token }}{% for m in messages %}{{ m['content'] }} {% endfor %}"}""");
    assertArrayEquals(new int[] {1, 4, 5}, ChatFormat.prompt(tokenizer, "hello world"));
  }

  @Test
  void withoutAChatTemplateThereIsNoPrompt() throws IOException {
    HfTokenizer tokenizer = write(TOKENIZER_JSON, null);
    var e = assertThrows(IllegalArgumentException.class, () -> ChatFormat.prompt(tokenizer, "hello"));
    assertTrue(e.getMessage().contains("no chat_template"), e.getMessage());
  }

  @Test
  void aDirectoryWithoutTokenizerIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tokenizers.load(dir.toString()));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }
}

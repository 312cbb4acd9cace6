package dev.weakrl.models.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face {@code tokenizer.json} run by DJL's binding of the Rust tokenizers, offline.
 * Encoding adds no special tokens and never truncates: callers place {@code <bos>} themselves,
 * as with {@link CharTokenizer}. Special tokens in the text are matched by their spelling.
 *
 * <p>Special ids come from {@code tokenizer_config.json}, then {@code special_tokens_map.json}
 * ({@code bos_token}, {@code eos_token}, {@code pad_token}, each a string or {@code {"content":
 * ...}}). Where neither names one, the first known spelling present in the vocabulary is used:
 * bos {@code <|begin_of_text|> <s> <bos>}; eos {@code <|end_of_text|> </s> <eos> <|endoftext|>
 * <|im_end|>}; pad {@code <pad> <|pad|> [PAD]}. A model without a BOS token (Qwen2) gets {@code bosId() == -1}; without
 * a pad token the EOS id pads; without an EOS token loading fails, since generation needs a stop.
 *
 * <p>Generation stops at the EOS id and at every {@code eos_token_id} of {@code
 * generation_config.json} ({@link #stopIds}). The chat template is {@code chat_template.jinja} or
 * {@code tokenizer_config.json}'s {@code chat_template} ({@link
 * ChatTemplate#fromTokenizerConfig}); base models often declare none.
 */
public final class HfTokenizer implements Tokenizer {
  private static final String TOKENIZER_JSON = "tokenizer.json";
  private static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  private static final String CHAT_TEMPLATE_FILE = "chat_template.jinja";
  private static final String GENERATION_CONFIG = "generation_config.json";
  /** The files special ids are read from, in order of precedence. */
  private static final List<String> CONFIG_FILES = List.of(TOKENIZER_CONFIG, "special_tokens_map.json");
  /** Everything besides {@code tokenizer.json} that is read when present and saved as it was. */
  private static final List<String> OPTIONAL_FILES =
      List.of(TOKENIZER_CONFIG, "special_tokens_map.json", CHAT_TEMPLATE_FILE, GENERATION_CONFIG);
  private static final List<String> KNOWN_BOS = List.of("<|begin_of_text|>", "<s>", "<bos>");
  private static final List<String> KNOWN_EOS =
      List.of("<|end_of_text|>", "</s>", "<eos>", "<|endoftext|>", "<|im_end|>");
  private static final List<String> KNOWN_PAD = List.of("<pad>", "<|pad|>", "[PAD]");

  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, byte[]> files;
  private final int vocabSize;
  private final int bosId;
  private final int eosId;
  private final int padId;
  private final int[] stopIds;
  private final ChatTemplate chatTemplate;

  private HfTokenizer(String dir, Map<String, byte[]> files, JsonNode root) throws IOException {
    this.files = files;
    Map<String, Integer> ids = tokenIds(root);
    this.vocabSize = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    this.bosId = specialId(dir, "bos_token", KNOWN_BOS, ids);
    int eos = specialId(dir, "eos_token", KNOWN_EOS, ids);
    if (eos < 0) {
      throw new IllegalArgumentException(dir + ": no EOS token configured and none of " + KNOWN_EOS + " in the vocabulary");
    }
    this.eosId = eos;
    int pad = specialId(dir, "pad_token", KNOWN_PAD, ids);
    this.padId = pad >= 0 ? pad : eos;
    this.stopIds = stopIds(dir, eos, vocabSize);
    this.chatTemplate = chatTemplate(dir);
    this.tokenizer = HuggingFaceTokenizer.newInstance(
        new ByteArrayInputStream(files.get(TOKENIZER_JSON)),
        Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
  }

  /** Loads {@code dir/tokenizer.json} (local or gs://) and the optional files present beside it. */
  public static HfTokenizer load(String dir) {
    byte[] tokenizerJson = Storage.readBytes(Storage.resolve(dir, TOKENIZER_JSON));
    return load(dir, tokenizerJson, Json.parse(text(tokenizerJson), Storage.resolve(dir, TOKENIZER_JSON)));
  }

  /**
   * {@link #load(String)} given {@code dir/tokenizer.json}'s bytes and their parse, for a caller
   * that has read them already: a real vocabulary's file is megabytes, read and parsed once.
   */
  static HfTokenizer load(String dir, byte[] tokenizerJson, JsonNode root) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(TOKENIZER_JSON, tokenizerJson);
    for (String name : OPTIONAL_FILES) {
      String path = Storage.resolve(dir, name);
      if (Storage.exists(path)) {
        files.put(name, Storage.readBytes(path));
      }
    }
    try {
      return new HfTokenizer(dir, files, root);
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot load tokenizer.json", e);
    }
  }

  /**
   * {@code chat_template.jinja} when present (newer {@code transformers} save the template there,
   * and it wins over the config's), else {@code tokenizer_config.json}'s {@code chat_template}.
   */
  private ChatTemplate chatTemplate(String dir) {
    if (!files.containsKey(TOKENIZER_CONFIG) && !files.containsKey(CHAT_TEMPLATE_FILE)) {
      return null;
    }
    String configPath = Storage.resolve(dir, TOKENIZER_CONFIG);
    ObjectNode config = files.containsKey(TOKENIZER_CONFIG)
        ? (ObjectNode) Json.parse(text(files.get(TOKENIZER_CONFIG)), configPath) : Json.object();
    if (files.containsKey(CHAT_TEMPLATE_FILE)) {
      config.put("chat_template", text(files.get(CHAT_TEMPLATE_FILE)));
      return ChatTemplate.fromTokenizerConfig(config, Storage.resolve(dir, CHAT_TEMPLATE_FILE)).orElseThrow();
    }
    return ChatTemplate.fromTokenizerConfig(config, configPath).orElse(null);
  }

  /** {@code eos} and {@code generation_config.json}'s {@code eos_token_id} (a number or a list), each once. */
  private int[] stopIds(String dir, int eos, int vocabSize) {
    java.util.LinkedHashSet<Integer> ids = new java.util.LinkedHashSet<>(List.of(eos));
    if (files.containsKey(GENERATION_CONFIG)) {
      String path = Storage.resolve(dir, GENERATION_CONFIG);
      JsonNode value = Json.parse(text(files.get(GENERATION_CONFIG)), path).path("eos_token_id");
      for (JsonNode id : value.isArray() ? value : List.of(value)) {
        if (id.isMissingNode() || id.isNull()) {
          continue;
        }
        if (!id.canConvertToInt() || id.asInt() < 0 || id.asInt() >= vocabSize) {
          throw new IllegalArgumentException(path + ": eos_token_id " + id + " is not a token id of tokenizer.json "
              + "(0 to " + (vocabSize - 1) + ")");
        }
        ids.add(id.asInt());
      }
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Every token spelling to its id: the model's vocabulary plus the added tokens. */
  private static Map<String, Integer> tokenIds(JsonNode root) {
    Map<String, Integer> ids = new HashMap<>();
    JsonNode vocab = root.path("model").path("vocab");
    if (vocab.isObject()) { // WordLevel, WordPiece, BPE: {token: id}
      vocab.fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt()));
    } else { // Unigram: [[token, score], ...], id = position
      for (int i = 0; i < vocab.size(); i++) {
        ids.put(vocab.get(i).get(0).asText(), i);
      }
    }
    root.path("added_tokens").forEach(t -> ids.put(t.path("content").asText(), t.path("id").asInt()));
    return ids;
  }

  private int specialId(String dir, String field, List<String> known, Map<String, Integer> ids) {
    for (String name : CONFIG_FILES) {
      if (!files.containsKey(name)) {
        continue;
      }
      JsonNode value = Json.parse(text(files.get(name)), Storage.resolve(dir, name)).path(field);
      String spelling = value.isObject() ? value.path("content").asText(null) : value.asText(null);
      if (spelling != null && !value.isNull()) {
        Integer id = ids.get(spelling);
        if (id == null) {
          throw new IllegalArgumentException(
              Storage.resolve(dir, name) + ": " + field + " '" + spelling + "' is not in tokenizer.json");
        }
        return id;
      }
    }
    return known.stream().filter(ids::containsKey).findFirst().map(ids::get).orElse(-1);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public int[] encode(String text) {
    return Arrays.stream(tokenizer.encode(text, false, false).getIds()).mapToInt(Math::toIntExact).toArray();
  }

  @Override
  public String decode(int[] ids) {
    return tokenizer.decode(Arrays.stream(ids).asLongStream().toArray(), false);
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  /** The BOS id, or -1 when the tokenizer has none (Qwen2). */
  @Override
  public int bosId() {
    return bosId;
  }

  @Override
  public int eosId() {
    return eosId;
  }

  @Override
  public int padId() {
    return padId;
  }

  @Override
  public int[] stopIds() {
    return stopIds.clone();
  }

  @Override
  public Optional<ChatTemplate> chatTemplate() {
    return Optional.ofNullable(chatTemplate);
  }

  /** Copies {@code tokenizer.json} and the optional files it was loaded with, byte for byte. */
  @Override
  public void save(String dir) {
    files.forEach((name, bytes) -> Storage.writeBytes(Storage.resolve(dir, name), bytes));
  }
}

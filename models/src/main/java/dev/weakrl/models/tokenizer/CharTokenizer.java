package dev.weakrl.models.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Character-level tokenizer for the embedded procedural domains. Ids 0..4 are the specials
 * {@code <pad> <bos> <eos> <think> </think>}, then printable ASCII 32..126, then {@code '\n'}.
 *
 * <p>Saved as {@code tokenizer.json} in a format of ours: {@code {"type": "weakrl-char",
 * "vocab": [token spellings in id order]}}. Entries longer than one character are specials, which
 * {@link #encode} matches by their literal spelling. Decoding is literal: pad and specials are
 * spelled out, so callers strip what they do not want.
 */
public final class CharTokenizer implements Tokenizer {
  public static final String TYPE = "weakrl-char";
  public static final String FILE = "tokenizer.json";
  public static final int PAD = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;
  public static final int THINK = 3;
  public static final int END_THINK = 4;
  private static final List<String> SPECIALS = List.of("<pad>", "<bos>", "<eos>", "<think>", "</think>");
  /**
   * The embedded models' chat template: {@code <bos>Q: <question>\nA: } for one user message, the response to
   * follow. Plain text rather than role tokens: the character vocabulary has none, and the base corpus teaches it.
   * System messages before the user message (veRL files such as MATH-500 carry one) are lines before {@code Q:},
   * so such a file can be evaluated; any other conversation is refused.
   */
  public static final String CHAT_TEMPLATE = """
      {%- set users = messages | selectattr('role', 'equalto', 'user') | list %}
      {%- if users | length != 1 or (messages | last).role != 'user' %}
      {{- raise_exception('the embedded chat template takes system messages, then one user message') }}
      {%- endif %}
      {{- bos_token }}
      {%- for m in messages %}{% if m.role == 'system' %}{{ m.content }}
      {% endif %}{% endfor %}Q: {{ (messages | last).content }}
      {% if add_generation_prompt %}A: {% endif %}
      """;
  static final ChatTemplate TEMPLATE =
      ChatTemplate.of("the " + TYPE + " chat template", CHAT_TEMPLATE, SPECIALS.get(BOS), SPECIALS.get(EOS));

  private final List<String> vocab;
  private final Map<String, Integer> idBySpecial = new LinkedHashMap<>();
  private final Map<Integer, Integer> idByCodePoint = new HashMap<>();

  private CharTokenizer(List<String> vocab) {
    this.vocab = List.copyOf(vocab);
    for (int id = 0; id < vocab.size(); id++) {
      String token = vocab.get(id);
      if (token.codePointCount(0, token.length()) == 1) {
        idByCodePoint.put(token.codePointAt(0), id);
      } else {
        idBySpecial.put(token, id);
      }
    }
    if (vocab.size() <= END_THINK || !vocab.subList(0, SPECIALS.size()).equals(SPECIALS)) {
      throw new IllegalArgumentException("character vocabulary must start with " + SPECIALS);
    }
  }

  /** The standard vocabulary: specials, printable ASCII, newline (101 tokens). */
  public static CharTokenizer standard() {
    List<String> vocab = new ArrayList<>(SPECIALS);
    for (char c = 32; c <= 126; c++) {
      vocab.add(String.valueOf(c));
    }
    vocab.add("\n");
    return new CharTokenizer(vocab);
  }

  /** Reads the saved form; {@code source} names the file in errors. */
  static CharTokenizer fromJson(JsonNode root, String source) {
    JsonNode entries = root.path("vocab");
    if (!entries.isArray() || entries.isEmpty()) {
      throw new IllegalArgumentException(source + ": a " + TYPE + " tokenizer needs a 'vocab' array");
    }
    List<String> vocab = new ArrayList<>();
    entries.forEach(e -> vocab.add(e.asText()));
    return new CharTokenizer(vocab);
  }

  @Override
  public int[] encode(String text) {
    int[] ids = new int[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      String special = specialAt(text, i);
      if (special != null) {
        ids[n++] = idBySpecial.get(special);
        i += special.length();
        continue;
      }
      int codePoint = text.codePointAt(i);
      Integer id = idByCodePoint.get(codePoint);
      if (id == null) {
        throw new IllegalArgumentException(String.format(
            "character '%s' (U+%04X) at position %d is not in the character vocabulary",
            Character.toString(codePoint), codePoint, i));
      }
      ids[n++] = id;
      i += Character.charCount(codePoint);
    }
    return Arrays.copyOf(ids, n);
  }

  private String specialAt(String text, int i) {
    for (String s : idBySpecial.keySet()) {
      if (text.startsWith(s, i)) {
        return s;
      }
    }
    return null;
  }

  @Override
  public String decode(int[] ids) {
    StringBuilder out = new StringBuilder(ids.length);
    for (int id : ids) {
      if (id < 0 || id >= vocab.size()) {
        throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab.size() + ")");
      }
      out.append(vocab.get(id));
    }
    return out.toString();
  }

  @Override
  public int vocabSize() {
    return vocab.size();
  }

  @Override
  public int bosId() {
    return BOS;
  }

  @Override
  public int eosId() {
    return EOS;
  }

  @Override
  public int padId() {
    return PAD;
  }

  @Override
  public Optional<ChatTemplate> chatTemplate() {
    return Optional.of(TEMPLATE);
  }

  @Override
  public void save(String dir) {
    ObjectNode root = Json.object();
    root.put("type", TYPE);
    vocab.forEach(root.putArray("vocab")::add);
    Json.writeFile(Storage.resolve(dir, FILE), root);
  }
}

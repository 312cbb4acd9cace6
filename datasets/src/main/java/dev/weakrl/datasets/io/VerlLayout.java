package dev.weakrl.datasets.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.datasets.Message;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.weak.WeakSupervision;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The veRL RL-data row layout, as JSON: {@code data_source}, {@code prompt} (list of {role,
 * content}), {@code ability}, {@code reward_model.ground_truth}, {@code extra_info}. Parquet and
 * JSONL files both hold rows of this shape.
 *
 * <p>Reading keeps everything: {@code extra_info} (a struct or a JSON string) fields other than
 * weakrl's own become metadata {@code extra_info.<field>}, and unknown top-level columns become
 * metadata under their own (arbitrary) names; {@code data_source} and {@code ability} become
 * metadata when they differ from the domain. weakrl's fields in {@code extra_info} are {@code
 * id}, {@code domain}, {@code difficulty} (an integer), {@code trace} and {@code metadata} (a JSON
 * object string), so that writing then reading gives back an equal {@link Problem}. The ground
 * truth may be empty only in a proxy row, whose metadata holds {@code withheld_label}.
 */
public final class VerlLayout {
  static final String DATA_SOURCE = "data_source";
  static final String ABILITY = "ability";
  private static final Set<String> OWN_COLUMNS =
      Set.of(DATA_SOURCE, "prompt", ABILITY, "reward_model", "extra_info");
  private static final Set<String> OWN_EXTRA = Set.of("id", "domain", "difficulty", "trace", "metadata");

  private VerlLayout() {}

  /** The problem in {@code row}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static Problem toProblem(JsonNode row, long rowNumber) {
    String dataSource = text(row.get(DATA_SOURCE));
    List<Message> prompt = prompt(row.get("prompt"));
    JsonNode extra = extraInfo(row.get("extra_info"));

    TreeMap<String, String> meta = new TreeMap<>();
    if (extra.hasNonNull("metadata")) {
      Json.parse(extra.get("metadata").asText(), "extra_info.metadata")
          .fields()
          .forEachRemaining(e -> meta.put(e.getKey(), text(e.getValue())));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      boolean own = OWN_EXTRA.contains(e.getKey())
          && !(e.getKey().equals("difficulty") && !e.getValue().isIntegralNumber());
      if (!own) {
        putIfPresent(meta, "extra_info." + e.getKey(), e.getValue());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!OWN_COLUMNS.contains(e.getKey())) {
        putIfPresent(meta, e.getKey(), e.getValue());
      }
    }

    // a proxy row (WeakSupervision.proxy) keeps its label in withheld_label and none in ground_truth
    boolean withheld = meta.containsKey(WeakSupervision.WITHHELD_LABEL)
        || meta.containsKey("extra_info." + WeakSupervision.WITHHELD_LABEL);
    String truth = groundTruth(row.path("reward_model").get("ground_truth"), withheld);
    String domain = extra.hasNonNull("domain") ? extra.get("domain").asText()
        : dataSource != null ? dataSource : "unknown";
    // data_source and ability default to the domain when written, so keep them only when they differ
    for (String column : List.of(DATA_SOURCE, ABILITY)) {
      String value = text(row.get(column));
      if (value != null && !value.equals(domain)) {
        meta.put(column, value);
      }
    }
    String id = extra.hasNonNull("id") ? extra.get("id").asText()
        : domain + "-" + (extra.has("index") ? extra.get("index").asText() : rowNumber);
    int difficulty = extra.path("difficulty").isIntegralNumber() ? extra.get("difficulty").asInt() : 0;
    String trace = extra.hasNonNull("trace") ? extra.get("trace").asText() : null;
    return new Problem(id, domain, difficulty, prompt, truth, trace, meta);
  }

  /** The row for {@code p}; {@code extra_info} is a JSON object. */
  public static ObjectNode toRow(Problem p) {
    ObjectNode row = Json.object();
    row.put(DATA_SOURCE, p.meta(DATA_SOURCE).orElse(p.domain()));
    ArrayNode prompt = row.putArray("prompt");
    for (Message m : p.prompt()) {
      prompt.addObject().put("content", m.content()).put("role", m.role());
    }
    row.put(ABILITY, p.meta(ABILITY).orElse(p.domain()));
    row.putObject("reward_model").put("ground_truth", p.groundTruth()).put("style", "rule");
    ObjectNode extra = row.putObject("extra_info");
    extra.put("id", p.id()).put("domain", p.domain()).put("difficulty", p.difficulty());
    extra.put("trace", p.trace());
    ObjectNode meta = Json.object();
    p.metadata().forEach((k, v) -> {
      if (!k.equals(DATA_SOURCE) && !k.equals(ABILITY)) {
        meta.put(k, v);
      }
    });
    extra.put("metadata", meta.toString());
    return row;
  }

  private static List<Message> prompt(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("missing prompt");
    }
    if (node.isTextual()) {
      String text = node.asText();
      if (text.isBlank()) {
        throw new IllegalArgumentException("empty prompt");
      }
      // some files store the chat as a JSON string; others the bare question
      return text.trim().startsWith("[") ? prompt(Json.parse(text, "prompt")) : List.of(Message.user(text));
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException("prompt is not a non-empty list of {role, content}");
    }
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode m = node.get(i);
      if (m == null || !m.hasNonNull("content")) {
        throw new IllegalArgumentException("prompt[" + i + "] has no content");
      }
      messages.add(new Message(m.hasNonNull("role") ? m.get("role").asText() : "user", m.get("content").asText()));
    }
    return messages;
  }

  /**
   * Plain strings as they are; lists (native or JSON text) as JSON lists of strings. Empty only
   * when the label is {@code withheld}.
   */
  private static String groundTruth(JsonNode node, boolean withheld) {
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("missing reward_model.ground_truth");
    }
    if (node.isArray()) {
      if (node.isEmpty()) {
        throw new IllegalArgumentException("reward_model.ground_truth is an empty list");
      }
      ArrayNode texts = Json.MAPPER.createArrayNode();
      node.forEach(v -> texts.add(v.asText()));
      return texts.toString();
    }
    if (node.isContainerNode() || node.isBinary()) {
      throw new IllegalArgumentException("reward_model.ground_truth is neither text nor a list: " + node);
    }
    String text = node.asText();
    if (text.isBlank() && !withheld) {
      throw new IllegalArgumentException("reward_model.ground_truth is empty");
    }
    return text;
  }

  private static JsonNode extraInfo(JsonNode node) {
    if (node == null || node.isNull()) {
      return Json.object();
    }
    if (node.isTextual()) {
      try {
        JsonNode parsed = Json.parse(node.asText(), "extra_info");
        return parsed.isObject() ? parsed : Json.object();
      } catch (IllegalArgumentException e) {
        return Json.object().put("text", node.asText()); // free text: kept as extra_info.text
      }
    }
    return node;
  }

  private static void putIfPresent(Map<String, String> meta, String key, JsonNode value) {
    if (value != null && !value.isNull()) {
      meta.put(key, text(value));
    }
  }

  /** Text nodes as their text; anything else as compact JSON. */
  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isTextual() ? node.asText() : node.toString();
  }
}

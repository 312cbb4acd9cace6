package dev.weakrl.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One configured Jackson mapper for every JSON file weakrl reads or writes. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A content address: the first 10 hex digits of SHA-256 over {@code node}'s JSON text (field
   * order as built), as stage directories and evaluations are keyed.
   */
  public static String key(JsonNode node) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(write(node).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses {@code text}; {@code source} names the file in the error. */
  public static JsonNode parse(String text, String source) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static JsonNode read(String path) {
    return parse(Storage.readString(path), path);
  }

  public static void writeFile(String path, Object value) {
    Storage.writeString(path, write(value));
  }
}

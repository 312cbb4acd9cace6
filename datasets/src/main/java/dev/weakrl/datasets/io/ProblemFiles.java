package dev.weakrl.datasets.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.ParquetFiles;
import dev.weakrl.common.Storage;
import dev.weakrl.common.Utf8;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.split.Split;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Reads and writes problem files in the veRL layout ({@link VerlLayout}): {@code .parquet}, or
 * {@code .jsonl} with one row object per line. Rows that are not problems become {@link Reject}s.
 */
public final class ProblemFiles {
  /** The Parquet columns of a written row, with the types veRL's own files use. */
  private static final MessageType PARQUET_SCHEMA = MessageTypeParser.parseMessageType("""
      message schema {
        optional binary data_source (STRING);
        optional group prompt (LIST) {
          repeated group list {
            optional group element {
              optional binary content (STRING);
              optional binary role (STRING);
            }
          }
        }
        optional binary ability (STRING);
        optional group reward_model {
          optional binary ground_truth (STRING);
          optional binary style (STRING);
        }
        optional group extra_info {
          optional binary id (STRING);
          optional binary domain (STRING);
          optional int32 difficulty;
          optional binary trace (STRING);
          optional binary metadata (STRING);
        }
      }
      """);

  /** Reads JSONL rows with no cap on a string's length: a row is held in memory whole anyway. */
  private static final ObjectMapper JSONL = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());

  private ProblemFiles() {}

  public enum Format {
    PARQUET,
    JSONL;

    /** By file name: {@code .jsonl} (or {@code .json}) is JSONL, anything else Parquet. */
    public static Format of(String path) {
      return path.endsWith(".jsonl") || path.endsWith(".json") ? JSONL : PARQUET;
    }

    public static Format parse(String name) {
      try {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown format '" + name + "': expected parquet or jsonl");
      }
    }
  }

  public static ReadResult read(String path) {
    return read(path, false);
  }

  /**
   * As {@link #read(String)}, with a row whose prompt (canonical text, {@link Split#canonical})
   * repeats an earlier row's set aside as a reject naming that row: a training file must not weigh
   * a problem twice, and its prompts are what held-out sets are checked against.
   */
  public static ReadResult readDistinct(String path) {
    return read(path, true);
  }

  /**
   * As {@link #readDistinct(String)}, with every problem also offered to {@code unusable}: a reason
   * it returns (e.g. a character the tokenizer cannot encode) makes the row a reject naming the
   * problem's id, instead of failing the whole file later.
   */
  public static ReadResult readDistinct(String path, Function<Problem, Optional<String>> unusable) {
    return read(path, true, unusable);
  }

  private static ReadResult read(String path, boolean distinct) {
    return read(path, distinct, p -> Optional.empty());
  }

  private static ReadResult read(String path, boolean distinct, Function<Problem, Optional<String>> unusable) {
    List<Problem> problems = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    Map<String, Long> firstRow = new HashMap<>();
    long[] row = {0};
    forEachRow(path, (node, error) -> {
      long n = row[0]++;
      if (error != null) {
        rejects.add(new Reject(path, n, error));
        return;
      }
      Problem p;
      try {
        p = VerlLayout.toProblem(node, n);
      } catch (IllegalArgumentException e) {
        rejects.add(new Reject(path, n, e.getMessage()));
        return;
      }
      Optional<String> why = unusable.apply(p);
      Long first = why.isEmpty() && distinct ? firstRow.putIfAbsent(Split.canonical(p), n) : null;
      if (why.isPresent()) {
        rejects.add(new Reject(path, n, p.id(), why.get()));
      } else if (first != null) {
        rejects.add(new Reject(path, n, p.id(), "duplicate prompt of row " + first));
      } else {
        problems.add(p);
      }
    });
    return new ReadResult(problems, rejects);
  }

  public static void write(String path, List<Problem> problems) {
    write(path, problems, Format.of(path));
  }

  public static void write(String path, List<Problem> problems, Format format) {
    List<ObjectNode> rows = problems.stream().map(VerlLayout::toRow).toList();
    switch (format) {
      case PARQUET -> ParquetFiles.write(path, PARQUET_SCHEMA, rows);
      case JSONL -> Storage.writeString(path, rows.stream().map(r -> r + "\n").collect(Collectors.joining()));
    }
  }

  /** Writes {@code rejects} as JSONL: {@code {"source", "row", "id", "reason"}} per line ({@code id} if known). */
  public static void writeRejects(String path, List<Reject> rejects) {
    StringBuilder lines = new StringBuilder();
    for (Reject r : rejects) {
      ObjectNode o = Json.object().put("source", r.source()).put("row", r.row());
      if (!r.id().isEmpty()) {
        o.put("id", r.id());
      }
      o.put("reason", r.reason());
      lines.append(o.toString()).append('\n');
    }
    Storage.writeString(path, lines.toString());
  }

  /** A row as JSON, or (for JSONL) null and why the line is not a JSON object. */
  interface RowConsumer {
    void accept(JsonNode row, String error);
  }

  static void forEachRow(String path, RowConsumer consumer) {
    if (Format.of(path) == Format.PARQUET) {
      ParquetFiles.forEach(path, row -> consumer.accept(row, null), invalid -> consumer.accept(null, invalid));
      return;
    }
    try (InputStream in = Storage.openRead(path)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) != -1) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            line.write(buffer, start, i - start);
            jsonlRow(line.toByteArray(), consumer);
            line.reset();
            start = i + 1;
          }
        }
        line.write(buffer, start, n - start);
      }
      if (line.size() > 0) {
        jsonlRow(line.toByteArray(), consumer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /**
   * One JSONL line: decoded strictly, so bytes that are not UTF-8 make a reject rather than
   * U+FFFD in a problem; parsed with no limit on a string's length (Jackson's default refuses
   * strings over 20,000,000 characters, which a long trace can exceed).
   */
  private static void jsonlRow(byte[] bytes, RowConsumer consumer) {
    String line;
    try {
      line = Utf8.decode(bytes);
    } catch (IllegalArgumentException e) {
      consumer.accept(null, e.getMessage());
      return;
    }
    if (line.isBlank()) {
      return;
    }
    JsonNode node;
    try {
      node = JSONL.readTree(line);
    } catch (IOException e) {
      consumer.accept(null, "not valid JSON: " + firstLine(e));
      return;
    }
    consumer.accept(node, node.isObject() ? null : "not a JSON object");
  }

  private static String firstLine(IOException e) {
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}

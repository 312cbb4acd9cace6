package dev.weakrl.datasets.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.ParquetFiles;
import dev.weakrl.common.Storage;
import dev.weakrl.datasets.Problem;
import dev.weakrl.datasets.split.Split;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  private static ReadResult read(String path, boolean distinct) {
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
      try {
        Problem p = VerlLayout.toProblem(node, n);
        Long first = distinct ? firstRow.putIfAbsent(Split.canonical(p), n) : null;
        if (first != null) {
          rejects.add(new Reject(path, n, "duplicate prompt of row " + first));
        } else {
          problems.add(p);
        }
      } catch (IllegalArgumentException e) {
        rejects.add(new Reject(path, n, e.getMessage()));
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

  /** Writes {@code rejects} as JSONL: {@code {"source", "row", "reason"}} per line. */
  public static void writeRejects(String path, List<Reject> rejects) {
    StringBuilder lines = new StringBuilder();
    for (Reject r : rejects) {
      ObjectNode o = Json.object().put("source", r.source()).put("row", r.row()).put("reason", r.reason());
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
      ParquetFiles.forEach(path, row -> consumer.accept(row, null));
      return;
    }
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(Storage.openRead(path), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.MAPPER.readTree(line);
        } catch (IOException e) {
          consumer.accept(null, "not valid JSON");
          continue;
        }
        consumer.accept(node, node.isObject() ? null : "not a JSON object");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}

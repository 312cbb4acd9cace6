package dev.weakrl.study.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.ParquetFiles;
import dev.weakrl.common.Storage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Reads small Parquet or CSV tables of any origin, and writes the analysis tables as Parquet (the
 * format of record) and as CSV (for readers without a Parquet library, such as the notebooks).
 */
public final class TableFiles {
  /** A column of a written table: every column is optional (null where a value is undefined). */
  public record Column(String name, Kind kind) {}

  public enum Kind { TEXT, NUMBER, INTEGER, BOOLEAN }

  private TableFiles() {}

  /** A {@code .csv} file (header row, comma-separated, double quotes) or else a Parquet file. */
  public static Table read(String path) {
    return path.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? readCsv(path) : readParquet(path);
  }

  static Table readParquet(String path) {
    List<String> columns = ParquetFiles.schema(path).getFields().stream().map(Type::getName).toList();
    List<Map<String, Object>> rows = new ArrayList<>();
    ParquetFiles.forEach(path, node -> {
      Map<String, Object> row = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> cell = it.next();
        JsonNode v = cell.getValue();
        row.put(cell.getKey(), v.isNull() ? null : v.isNumber() ? v.asDouble() : v.asText());
      }
      rows.add(row);
    });
    return new Table(path, columns, rows);
  }

  static Table readCsv(String path) {
    List<String> lines = Storage.readString(path).lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(path + ": empty CSV file, expected a header row");
    }
    List<String> columns = csvFields(lines.get(0));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> fields = csvFields(lines.get(i));
      if (fields.size() != columns.size()) {
        throw new IllegalArgumentException(path + ": line " + (i + 1) + " has " + fields.size() + " fields, the header "
            + columns.size());
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        row.put(columns.get(c), fields.get(c));
      }
      rows.add(row);
    }
    return new Table(path, columns, rows);
  }

  /** One CSV line's fields: commas separate, double quotes enclose, {@code ""} inside quotes is a quote. */
  static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString().trim());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString().trim());
    return fields;
  }

  /** Writes {@code rows} (column name → value, null or absent = null) as a Parquet file. */
  public static void write(String path, List<Column> columns, List<Map<String, Object>> rows) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (Column c : columns) {
      switch (c.kind()) {
        case TEXT -> builder.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
        case NUMBER -> builder.optional(PrimitiveTypeName.DOUBLE).named(c.name());
        case INTEGER -> builder.optional(PrimitiveTypeName.INT64).named(c.name());
        case BOOLEAN -> builder.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
      }
    }
    List<ObjectNode> nodes = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      ObjectNode node = Json.object();
      for (Column c : columns) {
        Object v = row.get(c.name());
        if (v == null || v instanceof Double d && d.isNaN()) {
          continue;
        }
        switch (c.kind()) {
          case TEXT -> node.put(c.name(), v.toString());
          case NUMBER -> node.put(c.name(), ((Number) v).doubleValue());
          case INTEGER -> node.put(c.name(), ((Number) v).longValue());
          case BOOLEAN -> node.put(c.name(), (Boolean) v);
        }
      }
      nodes.add(node);
    }
    ParquetFiles.write(path, builder.named("analysis"), nodes);
  }

  /**
   * Writes {@code rows} as CSV: a header row, then one line per row; null is an empty field, numbers
   * in full precision, text quoted where it holds a comma, a quote or a line break.
   */
  public static void writeCsv(String path, List<Column> columns, List<Map<String, Object>> rows) {
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", columns.stream().map(c -> csvField(c.name())).toList())).append('\n');
    for (Map<String, Object> row : rows) {
      List<String> fields = new ArrayList<>();
      for (Column c : columns) {
        Object v = row.get(c.name());
        if (v == null || v instanceof Double d && d.isNaN()) {
          fields.add("");
          continue;
        }
        fields.add(switch (c.kind()) {
          case TEXT -> csvField(v.toString());
          case NUMBER -> String.valueOf(((Number) v).doubleValue());
          case INTEGER -> String.valueOf(((Number) v).longValue());
          case BOOLEAN -> v.toString();
        });
      }
      csv.append(String.join(",", fields)).append('\n');
    }
    Storage.writeString(path, csv.toString());
  }

  private static String csvField(String text) {
    return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
        ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}

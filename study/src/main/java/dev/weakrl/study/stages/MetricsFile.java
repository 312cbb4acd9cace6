package dev.weakrl.study.stages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.ParquetFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * {@code metrics.parquet}: one row per training step, a required INT64 {@code step} and one
 * optional DOUBLE column per figure any step reported (null where a step did not, e.g. eval
 * figures between eval intervals).
 */
public final class MetricsFile {
  public static final String NAME = "metrics.parquet";

  private MetricsFile() {}

  public static void write(String path, List<Map<String, Double>> rows) {
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(r -> columns.addAll(r.keySet()));
    columns.remove("step");
    Types.MessageTypeBuilder builder = Types.buildMessage();
    builder.required(PrimitiveTypeName.INT64).named("step");
    columns.forEach(c -> builder.optional(PrimitiveTypeName.DOUBLE).named(c));
    List<ObjectNode> nodes = rows.stream()
        .map(row -> Json.MAPPER.<ObjectNode>valueToTree(row).put("step", row.get("step").longValue()))
        .toList();
    ParquetFiles.write(path, builder.named("metrics"), nodes);
  }

  /** The rows of a metrics file; a null cell is left out of its row. */
  public static List<Map<String, Double>> read(String path) {
    List<Map<String, Double>> rows = new ArrayList<>();
    ParquetFiles.forEach(path, node -> {
      Map<String, Double> row = new LinkedHashMap<>();
      node.fields().forEachRemaining(cell -> {
        if (!cell.getValue().isNull()) {
          row.put(cell.getKey(), cell.getValue().doubleValue());
        }
      });
      rows.add(row);
    });
    return rows;
  }
}

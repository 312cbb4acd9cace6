package dev.weakrl.study.stages;

import dev.weakrl.common.ParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
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
    MessageType schema = builder.named("metrics");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(ParquetFiles.output(path)).withType(schema).build()) {
      for (Map<String, Double> row : rows) {
        Group g = groups.newGroup().append("step", row.get("step").longValue());
        for (String c : columns) {
          Double v = row.get(c);
          if (v != null) {
            g.append(c, v);
          }
        }
        writer.write(g);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** The rows of a metrics file; a null cell is left out of its row. */
  public static List<Map<String, Double>> read(String path) {
    List<Map<String, Double>> rows = new ArrayList<>();
    ParquetReader.Builder<Group> builder = new ParquetReader.Builder<>(ParquetFiles.input(path)) {
      @Override
      protected org.apache.parquet.hadoop.api.ReadSupport<Group> getReadSupport() {
        return new GroupReadSupport();
      }
    };
    try (ParquetReader<Group> reader = builder.build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        GroupType type = g.getType();
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("step", (double) g.getLong("step", 0));
        for (int i = 1; i < type.getFieldCount(); i++) {
          if (g.getFieldRepetitionCount(i) > 0) {
            row.put(type.getFieldName(i), g.getDouble(i, 0));
          }
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return rows;
  }
}

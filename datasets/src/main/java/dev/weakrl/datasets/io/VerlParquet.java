package dev.weakrl.datasets.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weakrl.common.ParquetFiles;
import dev.weakrl.datasets.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes problems as veRL-layout Parquet, with the column types veRL's own files use. */
final class VerlParquet {
  static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
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

  private VerlParquet() {}

  static void write(String path, List<Problem> problems) {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(ParquetFiles.output(path))
        .withType(SCHEMA)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build()) {
      for (Problem p : problems) {
        writer.write(group(groups, VerlLayout.toRow(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  private static Group group(SimpleGroupFactory groups, ObjectNode row) {
    Group g = groups.newGroup();
    g.add("data_source", row.get("data_source").asText());
    Group prompt = g.addGroup("prompt");
    for (JsonNode m : row.get("prompt")) {
      prompt.addGroup("list").addGroup("element")
          .append("content", m.get("content").asText())
          .append("role", m.get("role").asText());
    }
    g.add("ability", row.get("ability").asText());
    JsonNode reward = row.get("reward_model");
    g.addGroup("reward_model")
        .append("ground_truth", reward.get("ground_truth").asText())
        .append("style", reward.get("style").asText());
    JsonNode extra = row.get("extra_info");
    Group e = g.addGroup("extra_info")
        .append("id", extra.get("id").asText())
        .append("domain", extra.get("domain").asText())
        .append("difficulty", extra.get("difficulty").asInt());
    if (extra.hasNonNull("trace")) {
      e.append("trace", extra.get("trace").asText());
    }
    e.append("metadata", extra.get("metadata").asText());
    return g;
  }
}

package dev.weakrl.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFilesTest {
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message row {
        required int64 step;
        optional double score;
        optional boolean correct;
        optional binary name (STRING);
        optional group tags (LIST) {
          repeated group list {
            optional binary element (STRING);
          }
        }
        optional group extra {
          optional int32 level;
          optional binary note (STRING);
        }
      }
      """);

  @TempDir Path dir;

  private static List<ObjectNode> read(String path) {
    List<ObjectNode> rows = new ArrayList<>();
    ParquetFiles.forEach(path, rows::add);
    return rows;
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void rowsRoundTripWithEmptyColumnsAsNull() {
    ObjectNode full = Json.object().put("step", 1L).put("score", 0.5).put("correct", true).put("name", "a");
    full.putArray("tags").add("x").addNull().add("y");
    full.putObject("extra").put("level", 3).put("note", "n");
    ObjectNode sparse = Json.object().put("step", 2L).put("unknown", "not written");
    sparse.putNull("score");
    sparse.putArray("tags");
    String path = path("rows.parquet");
    ParquetFiles.write(path, SCHEMA, List.of(full, sparse));

    assertEquals(SCHEMA, ParquetFiles.schema(path));
    List<String> back = read(path).stream().map(JsonNode::toString).toList();
    assertEquals(List.of(
        "{\"step\":1,\"score\":0.5,\"correct\":true,\"name\":\"a\",\"tags\":[\"x\",null,\"y\"],"
            + "\"extra\":{\"level\":3,\"note\":\"n\"}}",
        "{\"step\":2,\"score\":null,\"correct\":null,\"name\":null,\"tags\":[],\"extra\":null}"), back);
  }

  @Test
  void aWriteThatFailsMidwayLeavesNoFileBehind() throws Exception {
    String path = path("partial.parquet");
    java.util.Iterator<ObjectNode> rows = new java.util.Iterator<>() {
      int n;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public ObjectNode next() {
        if (n++ == 1000) {
          throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
        }
        return Json.object().put("step", (long) n).put("name", "row " + n);
      }
    };
    assertThrows(java.io.UncheckedIOException.class, () -> ParquetFiles.write(path, SCHEMA, (Iterable<ObjectNode>) () -> rows));
    try (var left = java.nio.file.Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "neither the file nor its temporary");
    }
  }

  @Test
  void textThatIsNotUtf8IsReportedPerRowNotReplaced() throws Exception {
    MessageType schema = MessageTypeParser.parseMessageType("message r { optional binary name (STRING); }");
    String path = path("latin1.parquet");
    org.apache.parquet.example.data.simple.SimpleGroupFactory groups =
        new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
    try (var writer = org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(ParquetFiles.output(path))
        .withType(schema).build()) {
      writer.write(groups.newGroup().append("name", "ok"));
      writer.write(groups.newGroup().append("name",
          org.apache.parquet.io.api.Binary.fromConstantByteArray(new byte[] {'c', 'a', 'f', (byte) 0xE9})));
    }
    List<String> rows = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    ParquetFiles.forEach(path, r -> rows.add(r.path("name").asText()), invalid::add);
    assertEquals(List.of("ok"), rows);
    assertEquals(List.of("column name: not valid UTF-8: byte 0xE9 at byte offset 3"), invalid);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(path));
    assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("0xE9"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    String path = path("missing.parquet");
    RuntimeException e = assertThrows(RuntimeException.class, () -> read(path));
    assertTrue(e.getMessage().contains(path), e.getMessage());
    e = assertThrows(RuntimeException.class, () -> ParquetFiles.schema(path));
    assertTrue(e.getMessage().contains(path), e.getMessage());
  }

  @Test
  void aFileThatIsNotParquetIsNamed() {
    String path = path("text.parquet");
    Storage.writeString(path, "step,score\n1,0.5\n");
    RuntimeException e = assertThrows(RuntimeException.class, () -> read(path));
    assertTrue(e.getMessage().contains(path), e.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeOrAMissingRequiredOneNamesTheFileAndColumn() {
    String path = path("bad.parquet");
    ObjectNode text = Json.object().put("step", 1L);
    text.putObject("extra").put("level", "three");
    var e = assertThrows(IllegalArgumentException.class, () -> ParquetFiles.write(path, SCHEMA, List.of(text)));
    assertEquals(path + ": column 'level' cannot hold a STRING value", e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> ParquetFiles.write(path, SCHEMA, List.of(Json.object().put("score", 1.0))));
    assertEquals(path + ": no value for required column 'step'", e.getMessage());
  }
}

package dev.weakrl.common;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFilesTest {
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
}

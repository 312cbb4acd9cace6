package dev.weakrl.study.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weakrl.common.ParquetFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {
  @TempDir Path dir;

  @Test
  void rowsRoundTripLeavingOutFiguresAStepDidNotReport() {
    String path = dir.resolve(MetricsFile.NAME).toString();
    List<Map<String, Double>> rows = List.of(Map.of("step", 0.0, "loss", 2.5),
        Map.of("step", 1.0, "loss", Double.NaN, "eval/accuracy", 0.25), Map.of("step", 2.0));
    MetricsFile.write(path, rows);
    assertEquals(rows, MetricsFile.read(path));
    assertEquals(MessageTypeParser.parseMessageType("message metrics { required int64 step; }").getType("step"),
        ParquetFiles.schema(path).getType("step"));
  }
}

package dev.weakrl.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.weakrl.models.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same tensors give the same file bytes in any process, so a file digest identifies weights. */
class TensorFileBytesTest {
  @Test
  void twoProcessesWriteTheSameBytes(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a.parquet");
    Path b = dir.resolve("b.parquet");
    ChildJvm.run(TensorFileBytesTest.class, Map.of(), a.toString());
    ChildJvm.run(TensorFileBytesTest.class, Map.of(), b.toString());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  /** Writes fixed tensors (a matrix, a vector, a scalar: every column layout) to {@code args[0]}. */
  public static void main(String[] args) {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> tensors = new LinkedHashMap<>();
      tensors.put("w", m.arange(0f, 96f).reshape(8, 12));
      tensors.put("b", m.arange(0, 5, 1, DataType.INT64));
      tensors.put("s", m.create(new float[] {3.5f}, new Shape()));
      TensorFile.write(args[0], tensors);
    }
  }
}

package dev.weakrl.datasets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.List;

/** The public evaluation files in {@code ../shared/data/verl-eval/} (present in CI). */
public final class VerlEval {
  public static final String DIR = "../../shared/data/verl-eval/";

  private VerlEval() {}

  /** Every Parquet file there, sorted; fails (never skips) when the folder is missing. */
  public static List<String> files() {
    File[] files = new File(DIR).listFiles((d, n) -> n.endsWith(".parquet"));
    assertTrue(files != null && files.length > 0,
        "expected the veRL evaluation files in " + new File(DIR).getAbsolutePath());
    return Arrays.stream(files).map(File::getPath).sorted().toList();
  }

  public static String file(String prefix) {
    return files().stream().filter(f -> new File(f).getName().startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no file " + prefix + "* in " + DIR));
  }
}

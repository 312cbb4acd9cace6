package dev.weakrl.datasets.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Symja's evaluation messages stay out of the user's console: a recipe printed them mid-summary. */
class CasQuietTest {
  /** Comparisons whose evaluation meets 1/0, in a fresh JVM (Symja holds its streams from its start). */
  public static void main(String[] args) {
    Cas.equivalent("\\frac{3}{0}", "1");
    Cas.equivalent("\\frac{1}{25 \\cdot 0}", "x");
    Cas.value("\\frac{3}{0}");
    Cas.equivalent("\\frac{1}{25 x}", "\\frac{1}{25 y}");
  }

  @Test
  void aDivisionByZeroInAnAnswerPrintsNothing() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CasQuietTest.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    child.waitFor(2, TimeUnit.MINUTES);
    assertEquals(0, child.exitValue(), output);
    assertFalse(output.contains("encountered"), output);
  }
}

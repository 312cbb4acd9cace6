package dev.weakrl.pipelines.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The model suite of {@code ./weakrl bench}. */
final class ModelBench {
  private ModelBench() {}

  static Map<String, Double> run() {
    return new LinkedHashMap<>();
  }
}

package dev.weakrl.study.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Step-metric curves out of {@link Table}s: a training log, an evaluation file. */
public final class StepTables {
  public static final String STEP = "step";
  public static final String BENCHMARK = "benchmark";
  public static final String VALUE = "value";

  private StepTables() {}

  /**
   * The {@code column} against {@code step}; rows without a value are skipped (a framework may log
   * the reward on some steps only). {@code option} names the option that chose the column.
   */
  public static StepSeries curve(Table table, String column, String option) {
    table.require(STEP, "the step column");
    table.require(column, option);
    Map<Long, Double> values = new TreeMap<>();
    for (Map<String, Object> row : table.rows()) {
      Double step = table.number(row, STEP);
      Double value = table.number(row, column);
      if (step != null && value != null && values.put(step.longValue(), value) != null) {
        throw new IllegalArgumentException(table.source() + ": step " + step.longValue() + " appears twice");
      }
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException(table.source() + ": no row has both a step and a '" + column + "' value");
    }
    return StepSeries.of(values);
  }

  /** An evaluation file's {@code value} against {@code step}, per {@code benchmark}, in first-seen order. */
  public static Map<String, StepSeries> evaluations(Table table) {
    for (String column : new String[] {STEP, BENCHMARK, VALUE}) {
      table.require(column, "an evaluation file needs step, benchmark, value");
    }
    Map<String, Map<Long, Double>> byBenchmark = new LinkedHashMap<>();
    for (Map<String, Object> row : table.rows()) {
      Double step = table.number(row, STEP);
      Double value = table.number(row, VALUE);
      String benchmark = table.text(row, BENCHMARK);
      if (step != null && value != null && benchmark != null) {
        if (byBenchmark.computeIfAbsent(benchmark, b -> new TreeMap<>()).put(step.longValue(), value) != null) {
          throw new IllegalArgumentException(table.source() + ": benchmark " + benchmark + " has step "
              + step.longValue() + " twice");
        }
      }
    }
    Map<String, StepSeries> curves = new LinkedHashMap<>();
    byBenchmark.forEach((b, values) -> curves.put(b, StepSeries.of(values)));
    return curves;
  }

  /**
   * Per benchmark of an evaluation file, {@code column} on its row of the latest step (e.g. {@code
   * truncated} at the final checkpoint); empty when the file has no such column, NaN where the
   * cell is empty.
   */
  public static Map<String, Double> atLastStep(Table table, String column) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (!table.columns().contains(column)) {
      return values;
    }
    Map<String, Double> lastStep = new LinkedHashMap<>();
    for (Map<String, Object> row : table.rows()) {
      Double step = table.number(row, STEP);
      String benchmark = table.text(row, BENCHMARK);
      if (step != null && benchmark != null && step >= lastStep.getOrDefault(benchmark, Double.NEGATIVE_INFINITY)) {
        lastStep.put(benchmark, step);
        Double value = table.number(row, column);
        values.put(benchmark, value == null ? Double.NaN : value);
      }
    }
    return values;
  }
}

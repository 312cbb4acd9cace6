package dev.weakrl.study.analysis;

import java.util.List;
import java.util.Map;

/**
 * Rows of a small file read for analysis (a step-metrics or evaluation file from any framework):
 * numbers as {@link Double}, text as {@link String}, missing cells absent or null.
 *
 * @param source the file, for errors
 */
public record Table(String source, List<String> columns, List<Map<String, Object>> rows) {
  public Table {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * Fails unless the file has {@code column}; the error names the file, the option that named the
   * column ({@code option}, e.g. {@code --reward}) and the columns the file has.
   */
  public void require(String column, String option) {
    if (!columns.contains(column)) {
      throw new IllegalArgumentException(source + ": no column '" + column + "' (" + option
          + "); the file has columns " + columns);
    }
  }

  /** The cell as a number; null when it is missing or empty; an error naming the row when it is not a number. */
  public Double number(Map<String, Object> row, String column) {
    Object v = row.get(column);
    if (v == null || v instanceof Double) {
      return (Double) v;
    }
    String text = v.toString().trim();
    if (text.isEmpty() || text.equalsIgnoreCase("nan") || text.equalsIgnoreCase("null")) {
      return null;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": row " + (rows.indexOf(row) + 1) + ", column '" + column
          + "': expected a number, got '" + text + "'");
    }
  }

  public String text(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null ? null : v.toString();
  }
}

package dev.weakrl.datasets.io;

import java.io.Serializable;

/**
 * A row that could not become a problem: the file, its 0-based row number, the problem's id where
 * the row got that far (empty otherwise), and why.
 */
public record Reject(String source, long row, String id, String reason) implements Serializable {
  public Reject(String source, long row, String reason) {
    this(source, row, "", reason);
  }

  @Override
  public String toString() {
    return source + " row " + row + (id.isEmpty() ? "" : " (" + id + ")") + ": " + reason;
  }
}

package dev.weakrl.datasets.io;

import java.io.Serializable;

/** A row that could not become a problem: the file, its 0-based row number, and why. */
public record Reject(String source, long row, String reason) implements Serializable {
  @Override
  public String toString() {
    return source + " row " + row + ": " + reason;
  }
}

package dev.weakrl.datasets.domain;

import java.io.Serializable;

/** A range of difficulty levels, written {@code 2} or {@code 1-3}. */
public record Levels(int from, int to) implements Serializable {
  public Levels {
    if (from < 1 || to > Domain.LEVELS || from > to) {
      throw new IllegalArgumentException("levels must lie in 1-" + Domain.LEVELS + ", got " + from + "-" + to);
    }
  }

  public static Levels parse(String text) {
    String[] parts = text.trim().split("-");
    try {
      int from = Integer.parseInt(parts[0]);
      return parts.length == 1 ? new Levels(from, from)
          : parts.length == 2 ? new Levels(from, Integer.parseInt(parts[1])) : invalid(text);
    } catch (NumberFormatException e) {
      return invalid(text);
    }
  }

  private static Levels invalid(String text) {
    throw new IllegalArgumentException("levels '" + text + "': expected L or L1-L2, e.g. 1-2");
  }

  @Override
  public String toString() {
    return from == to ? String.valueOf(from) : from + "-" + to;
  }
}

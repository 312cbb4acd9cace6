package dev.weakrl.study.analysis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A metric against training step, steps strictly increasing: a reward curve or a benchmark's accuracy. */
public record StepSeries(List<Point> points) implements Serializable {
  public record Point(long step, double value) implements Serializable {}

  public StepSeries {
    points = List.copyOf(points);
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).step() <= points.get(i - 1).step()) {
        throw new IllegalArgumentException("steps must increase, got " + points.get(i - 1).step() + " then "
            + points.get(i).step());
      }
    }
  }

  /** The series of a step → value map (sorted by step). */
  public static StepSeries of(Map<Long, Double> values) {
    List<Point> points = new ArrayList<>();
    new TreeMap<>(values).forEach((s, v) -> points.add(new Point(s, v)));
    return new StepSeries(points);
  }

  /** {@code values[i]} at step {@code i}. */
  public static StepSeries ofValues(double... values) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new Point(i, values[i]));
    }
    return new StepSeries(points);
  }

  public boolean isEmpty() {
    return points.isEmpty();
  }

  public Point first() {
    return points.get(0);
  }

  public Point last() {
    return points.get(points.size() - 1);
  }

  /** The point whose step is nearest {@code step}; of two equally near, the earlier. */
  public Point nearest(long step) {
    if (points.isEmpty()) {
      throw new IllegalStateException("an empty series has no point near step " + step);
    }
    Point best = points.get(0);
    for (Point p : points) {
      if (Math.abs(p.step() - step) < Math.abs(best.step() - step)) {
        best = p;
      }
    }
    return best;
  }
}

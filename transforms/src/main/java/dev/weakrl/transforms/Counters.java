package dev.weakrl.transforms;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The counters a finished pipeline committed. */
public final class Counters {
  private Counters() {}

  /** Counter {@code name} of {@code namespace}, summed over every step that counts it. */
  public static long committed(PipelineResult result, Class<?> namespace, String name) {
    long total = 0;
    for (var c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(namespace, name)).build()).getCounters()) {
      total += c.getCommitted();
    }
    return total;
  }
}

package dev.weakrl.pipelines.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weakrl.common.Json;
import dev.weakrl.common.Storage;
import dev.weakrl.pipelines.grid.GridOptions;
import dev.weakrl.pipelines.grid.GridPipeline;
import dev.weakrl.pipelines.grid.GridSpec;
import dev.weakrl.study.analysis.AnalysisReport;
import dev.weakrl.study.analysis.Diagnosis;
import dev.weakrl.study.eval.Benchmark;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ./weakrl study}: the paper's experiment (arms × weak settings × seeds, every checkpoint
 * evaluated, every run analysed, the claims computed) as a grid spec run through the grid's
 * pipeline, so it reuses stages and evaluations and runs wherever the grid does. The default spec
 * is the embedded study, {@code examples/study.json}.
 */
public final class StudyPipeline {
  /**
   * The {@code report.json} that the embedded study wrote on 2 idle cores ({@code
   * examples/study-report.json}), as the build copies it onto the classpath: {@code diagnose}'s
   * default calibration.
   */
  public static final String MEASURED_REPORT = "/weakrl/examples/study-report.json";

  private StudyPipeline() {}

  /** The measured embedded study's runs as {@code diagnose}'s calibration. */
  public static Diagnosis.Calibration measuredCalibration() {
    try (InputStream in = StudyPipeline.class.getResourceAsStream(MEASURED_REPORT)) {
      if (in == null) {
        throw new IllegalStateException(MEASURED_REPORT + " is not on the classpath: rebuild (mvn install)");
      }
      return Diagnosis.calibration("examples/study-report.json (the embedded study, measured)",
          Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), MEASURED_REPORT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the study; returns the grid's rows, then each run's dynamics and each claim's verdict. */
  public static String run(GridOptions options) {
    GridSpec spec = spec(options);
    String grid = GridPipeline.run(options, spec);
    JsonNode report = Json.read(Storage.resolve(AnalysisReport.dir(options.getOut()), AnalysisReport.REPORT_JSON));
    return grid + "\n" + runsTable(report) + "\n" + claimsTable(report);
  }

  /** {@code --spec}, else the embedded study's. */
  public static GridSpec spec(GridOptions options) {
    return options.getSpec().isEmpty() ? GridSpec.study() : GridSpec.read(options.getSpec());
  }

  /**
   * One line per RL run of {@code report.json}, by arm, setting and seed: its regime and held-out
   * figures.
   */
  static String runsTable(JsonNode report) {
    List<JsonNode> runs = new ArrayList<>();
    report.path("runs").forEach(runs::add);
    runs.sort(Comparator.comparing((JsonNode r) -> r.path("arm").asText())
        .thenComparing(r -> r.path("setting").asText()).thenComparingLong(r -> r.path("seed").asLong()));
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-14s %-12s %4s %5s %-11s %9s %9s %9s %5s %5s %7s %6s", "arm", "setting", "seed",
        "t_sat", "regime", "Δsat", "Δpost", "Δ(T)", "seen", "trunc", "faithful", "div"));
    for (JsonNode run : runs) {
      JsonNode heldOut = run.path(Benchmark.HELD_OUT);
      lines.add(String.format("%-14s %-12s %4d %5s %-11s %9s %9s %9s %5s %5s %7s %6s", run.path("arm").asText(),
          run.path("setting").asText(), run.path("seed").asLong(), text(run.path("t_sat"), "%.0f"),
          run.path("regime").asText(), text(heldOut.path("delta_sat"), "%+.3f"),
          text(heldOut.path("delta_post"), "%+.3f"),
          text(run.path("held_out_delta_last"), "%+.3f"), text(heldOut.path("overlap_with_training"), "%.0f"),
          text(heldOut.path("truncated"), "%.2f"), text(run.path("faithfulness"), "%.3f"),
          text(run.path("diversity"), "%.3f")));
    }
    return "RL runs (held-out group; Δ(T) = M(T) − M(0); seen and trunc at the last checkpoint; pre-RL faithful"
        + " fraction and diversity)\n" + String.join("\n", lines) + "\n";
  }

  /** One line per claim of {@code report.json}: holds or fails, its value, threshold and per-seed verdicts. */
  static String claimsTable(JsonNode report) {
    StringBuilder sb = new StringBuilder("claims\n");
    for (JsonNode claim : report.path("claims")) {
      List<String> bySeed = new ArrayList<>();
      claim.path("holds_by_seed").fields().forEachRemaining(e ->
          bySeed.add("seed " + e.getKey() + " " + (e.getValue().asBoolean() ? "holds" : "fails")));
      sb.append(String.format("%-3s %-6s value %-7s %s%n    threshold: %s%n    %s; %s%n", claim.path("id").asText(),
          claim.path("holds").asBoolean() ? "holds" : "fails", text(claim.path("value"), "%.3f"),
          claim.path("statement").asText(), claim.path("threshold").asText(), claim.path("detail").asText(),
          String.join(", ", bySeed)));
    }
    return sb.toString();
  }

  /** A figure of report.json as text; {@code -} where it is null (undefined). */
  private static String text(JsonNode value, String format) {
    return value.isNull() || value.isMissingNode() ? "-" : String.format(format, value.asDouble());
  }
}

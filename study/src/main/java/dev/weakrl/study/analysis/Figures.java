package dev.weakrl.study.analysis;

import dev.weakrl.common.Storage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalLong;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts (XChart, rendered headless to PNG). */
final class Figures {
  static final int WIDTH = 760;
  static final int HEIGHT = 440;
  private static final Color SATURATION = new Color(200, 30, 30);

  static {
    // No display on workers and CI: Java2D renders off-screen.
    System.setProperty("java.awt.headless", "true");
  }

  private Figures() {}

  static XYChart lines(String title, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("step").yAxisTitle(yTitle)
        .build();
    XYStyler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(225, 225, 225));
    styler.setXAxisMaxLabelCount(12); // integer steps otherwise get overlapping tick labels
    return chart;
  }

  /** Adds a curve; a series with one point gets a marker so it shows. */
  static void curve(XYChart chart, String name, StepSeries series, boolean markers) {
    if (series.isEmpty()) {
      return;
    }
    double[] x = series.points().stream().mapToDouble(StepSeries.Point::step).toArray();
    double[] y = series.points().stream().mapToDouble(StepSeries.Point::value).toArray();
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(markers || x.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
  }

  /** A dashed vertical line at t_sat from {@code low} to {@code high}, named in the legend. */
  static void saturationLine(XYChart chart, OptionalLong saturationStep, double low, double high) {
    if (saturationStep.isEmpty()) {
      return;
    }
    double t = saturationStep.getAsLong();
    XYSeries line = chart.addSeries("t_sat = " + saturationStep.getAsLong(), new double[] {t, t},
        new double[] {low, high});
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(SATURATION);
    line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
  }

  /**
   * A scatter of labelled points; {@code xFraction}/{@code yFraction} pin that axis to [0, 1] so
   * fractions keep their scale even when every run has the same value.
   */
  static XYChart scatter(String title, String xTitle, String yTitle, List<String> labels, double[] x, double[] y,
      boolean xFraction, boolean yFraction) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(10);
    if (xFraction) {
      chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
    }
    if (yFraction) {
      chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    }
    for (int i = 0; i < labels.size(); i++) {
      chart.addSeries(labels.get(i), new double[] {x[i]}, new double[] {y[i]});
    }
    if (labels.isEmpty()) {
      chart.addSeries("no runs with both values", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  static void writePng(XYChart chart, String path) {
    try {
      Storage.writeBytes(path, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + path, e);
    }
  }
}

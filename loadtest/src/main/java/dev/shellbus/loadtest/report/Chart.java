package dev.shellbus.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart with axes, grid, ticks and a legend, drawn on any {@link Canvas}.
 *
 * <p>The x axis is linear, or a percentile axis (position {@code log10(1 / (1 - p))}, so 90%, 99%, 99.9% are evenly
 * spaced, as HdrHistogram plots are); the y axis is linear from zero, or logarithmic when {@code logY}.
 */
public final class Chart {

  /** One line: its name in the legend, its colour and its points. */
  record Series(String name, String color, double[] xs, double[] ys) {}

  static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
      "#7f7f7f", "#bcbd22", "#17becf"};
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean percentileX;
  private final boolean logY;
  private final List<Series> series = new ArrayList<>();

  /** A chart with a linear or percentile x axis and a linear or log y axis. */
  public Chart(String title, String xLabel, String yLabel, boolean percentileX, boolean logY) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.percentileX = percentileX;
    this.logY = logY;
  }

  /** Adds a line. */
  public Chart add(String name, double[] xs, double[] ys) {
    series.add(new Series(name, PALETTE[series.size() % PALETTE.length], xs, ys));
    return this;
  }

  /** Returns whether no line has a point. */
  public boolean isEmpty() {
    return series.stream().allMatch(s -> s.xs().length == 0);
  }

  void draw(Canvas c, int width, int height) {
    double plotW = width - LEFT - RIGHT;
    double plotH = height - TOP - BOTTOM;
    double xMax = 1e-9;
    double yMax = 1e-9;
    double yMin = Double.MAX_VALUE;
    for (Series s : series) {
      for (int i = 0; i < s.xs().length; i++) {
        if (!percentileX || s.xs()[i] < 100) {
          xMax = Math.max(xMax, fx(s.xs()[i]));
        }
        yMax = Math.max(yMax, s.ys()[i]);
        yMin = Math.min(yMin, s.ys()[i]);
      }
    }
    xMax = percentileX ? Math.max(2, Math.ceil(xMax + 0.01)) : Ticks.niceCeil(xMax);
    double yLo = logY ? Math.pow(10, Math.floor(Math.log10(Math.max(yMin, 1e-3)))) : 0;
    double yHi = logY ? Math.pow(10, Math.ceil(Math.log10(yMax))) : Ticks.niceCeil(yMax);
    Axis y = new Axis(yLo, yHi, logY);
    c.text(width / 2.0, 22, title, 15, "middle", false);
    for (double t : logY ? Ticks.log(yLo, yHi) : Ticks.linear(yHi)) {
      double py = TOP + plotH - y.position(t) * plotH;
      c.line(LEFT, py, LEFT + plotW, py, "#dddddd", 1, true);
      c.text(LEFT - 6, py + 4, Ticks.format(t), 11, "end", false);
    }
    int xTicks = percentileX ? (int) xMax : 5;
    for (int i = 0; i <= xTicks; i++) {
      double v = xMax * i / xTicks;
      double px = LEFT + plotW * i / xTicks;
      c.line(px, TOP, px, TOP + plotH, "#dddddd", 1, true);
      c.text(px, TOP + plotH + 16, percentileX ? percentileLabel(i) : Ticks.format(v), 11, "middle", false);
    }
    c.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#000000", 1, false);
    c.line(LEFT, TOP, LEFT, TOP + plotH, "#000000", 1, false);
    c.text(LEFT + plotW / 2, height - 12, xLabel, 12, "middle", false);
    c.text(16, TOP + plotH / 2, yLabel, 12, "middle", true);
    int legendY = TOP + 8;
    for (Series s : series) {
      double[] px = new double[s.xs().length];
      double[] py = new double[s.ys().length];
      for (int i = 0; i < px.length; i++) {
        px[i] = LEFT + Math.min(fx(s.xs()[i]), xMax) / xMax * plotW;
        py[i] = TOP + plotH - y.position(s.ys()[i]) * plotH;
      }
      c.polyline(px, py, s.color(), 1.8);
      if (px.length <= 60) {
        for (int i = 0; i < px.length; i++) {
          c.dot(px[i], py[i], 2.5, s.color());
        }
      }
      c.rect(LEFT + 12, legendY - 8, 14, 4, s.color());
      c.text(LEFT + 32, legendY - 3, s.name(), 11, "start", false);
      legendY += 15;
    }
  }

  private double fx(double x) {
    return percentileX ? Math.log10(1 / Math.max(1e-7, 1 - Math.min(x, 99.99999) / 100)) : x;
  }

  private static String percentileLabel(int nines) {
    switch (nines) {
      case 0:
        return "0%";
      case 1:
        return "90%";
      case 2:
        return "99%";
      default:
        return "99." + "9".repeat(nines - 2) + "%";
    }
  }

  /** Maps a y value to [0, 1] on a linear or log scale. */
  private record Axis(double lo, double hi, boolean log) {
    double position(double v) {
      if (log) {
        double lv = Math.log10(Math.max(v, lo));
        return (lv - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
      }
      return (v - lo) / (hi - lo);
    }
  }

  /** Tick values and labels. */
  static final class Ticks {
    private Ticks() {}

    static double niceCeil(double v) {
      double p = Math.pow(10, Math.floor(Math.log10(v)));
      for (double m : new double[] {1, 2, 2.5, 5, 10}) {
        if (m * p >= v) {
          return m * p;
        }
      }
      return 10 * p;
    }

    static double[] linear(double hi) {
      double[] t = new double[6];
      for (int i = 0; i <= 5; i++) {
        t[i] = hi * i / 5;
      }
      return t;
    }

    static double[] log(double lo, double hi) {
      List<Double> list = new ArrayList<>();
      for (double d = lo; d <= hi * 1.0001; d *= 10) {
        list.add(d);
      }
      return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String format(double v) {
      if (v == 0) {
        return "0";
      }
      if (Math.abs(v) >= 100 || v == Math.rint(v)) {
        return String.format(Locale.ROOT, "%.0f", v);
      }
      return Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
  }
}

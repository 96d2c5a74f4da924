package dev.shellbus.loadtest.report;

/** The few drawing operations a {@link Chart} needs, so one chart renders to SVG and to PNG alike. */
interface Canvas {

  /** A straight line; {@code dashed} for grid lines. */
  void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

  /** A connected line through the points. */
  void polyline(double[] xs, double[] ys, String color, double width);

  /** Text; {@code anchor} is start, middle or end; {@code vertical} rotates it by -90 degrees. */
  void text(double x, double y, String text, int size, String anchor, boolean vertical);

  /** A filled circle (a data point marker). */
  void dot(double x, double y, double radius, String color);

  /** A filled rectangle. */
  void rect(double x, double y, double width, double height, String color);
}

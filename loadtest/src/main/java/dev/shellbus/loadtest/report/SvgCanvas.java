package dev.shellbus.loadtest.report;

import java.util.Locale;

/** A {@link Canvas} that writes inline SVG, for a self-contained HTML page. */
final class SvgCanvas implements Canvas {

  private final StringBuilder sb = new StringBuilder();
  private final int width;
  private final int height;

  SvgCanvas(int width, int height) {
    this.width = width;
    this.height = height;
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double w, boolean dashed) {
    sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
        + " stroke-width=\"%.1f\"%s/>%n", x1, y1, x2, y2, color, w, dashed ? " stroke-dasharray=\"3,3\"" : ""));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double w) {
    sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
        .append(String.format(Locale.ROOT, "%.1f", w)).append("\" points=\"");
    for (int i = 0; i < xs.length; i++) {
      sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
    }
    sb.append("\"/>\n");
  }

  @Override
  public void text(double x, double y, String text, int size, String anchor, boolean vertical) {
    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\"%s>", x, y,
        size, anchor, vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y) : ""))
        .append(escape(text)).append("</text>\n");
  }

  @Override
  public void dot(double x, double y, double r, String color) {
    sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n", x, y, r,
        color));
  }

  @Override
  public void rect(double x, double y, double w, double h, String color) {
    sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
        x, y, w, h, color));
  }

  /** Returns the finished {@code <svg>} element. */
  String toSvg() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
        + "\" font-family=\"sans-serif\">\n" + sb + "</svg>\n";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

package dev.shellbus.loadtest.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A {@link Canvas} that paints into an image with Java 2D (headless), written as PNG. */
final class PngCanvas implements Canvas {

  private final BufferedImage image;
  private final Graphics2D g;

  PngCanvas(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
    g.setColor(Color.decode(color));
    g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {3f, 3f}, 0f) : new BasicStroke((float) width));
    g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width) {
    if (xs.length == 0) {
      return;
    }
    Path2D.Double path = new Path2D.Double();
    path.moveTo(xs[0], ys[0]);
    for (int i = 1; i < xs.length; i++) {
      path.lineTo(xs[i], ys[i]);
    }
    g.setColor(Color.decode(color));
    g.setStroke(new BasicStroke((float) width));
    g.draw(path);
  }

  @Override
  public void text(double x, double y, String text, int size, String anchor, boolean vertical) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
    int w = g.getFontMetrics().stringWidth(text);
    double shift = "middle".equals(anchor) ? w / 2.0 : "end".equals(anchor) ? w : 0;
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    if (vertical) {
      g.rotate(-Math.PI / 2);
    }
    g.drawString(text, (float) -shift, 0f);
    g.setTransform(saved);
  }

  @Override
  public void dot(double x, double y, double r, String color) {
    g.setColor(Color.decode(color));
    g.fill(new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
  }

  @Override
  public void rect(double x, double y, double width, double height, String color) {
    g.setColor(Color.decode(color));
    g.fill(new java.awt.geom.Rectangle2D.Double(x, y, width, height));
  }

  /** Writes the image as PNG. */
  void write(Path file) throws IOException {
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }
}

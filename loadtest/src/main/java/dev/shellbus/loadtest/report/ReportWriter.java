package dev.shellbus.loadtest.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run report to a directory: {@code report.json}, {@code summary.txt}, {@code report.html} (self-contained,
 * inline SVG) and, when Java 2D can draw here, {@code latency-over-time.png} and {@code latency-percentiles.png}.
 */
public final class ReportWriter {

  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

  private ReportWriter() {}

  /** Writes every file and returns their paths. */
  public static List<Path> write(Path dir, JsonObject report) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    written.add(Files.writeString(dir.resolve("report.json"), report.encodePrettily()));
    written.add(Files.writeString(dir.resolve("summary.txt"), TextSummary.render(report)));
    written.add(Files.writeString(dir.resolve("report.html"), HtmlReport.render(report)));
    written.addAll(pngs(dir, List.of(Plots.overTime(report), Plots.percentiles(report)),
        List.of("latency-over-time.png", "latency-percentiles.png")));
    return written;
  }

  /** Renders charts as PNG files; a JVM without working Java 2D (no fonts) gets none, with a warning. */
  public static List<Path> pngs(Path dir, List<Chart> charts, List<String> names) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    List<Path> written = new ArrayList<>();
    try {
      for (int i = 0; i < charts.size(); i++) {
        Path file = dir.resolve(names.get(i));
        Plots.png(charts.get(i), file);
        written.add(file);
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.warn("PNG plots skipped ({}); the HTML page has the same charts as SVG", e.toString());
    }
    return written;
  }
}

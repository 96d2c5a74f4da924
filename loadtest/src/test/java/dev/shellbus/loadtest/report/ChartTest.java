package dev.shellbus.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {

  private static Chart chart() {
    return new Chart("Latency <by> percentile", "percentile", "ms", true, false)
        .add("job", new double[] {0, 50, 90, 99, 99.9, 100}, new double[] {1, 2, 3, 5, 8, 9});
  }

  @Test
  void rendersEscapedSvgWithAPolylinePerSeriesAndPercentileTicks() {
    String svg = Plots.svg(chart());
    assertThat(svg).startsWith("<svg").contains("<polyline", "Latency &lt;by&gt; percentile", "99.9%", ">job<");
  }

  @Test
  void writesAPngWhenJavaTwoDWorksHere(@TempDir Path dir) throws Exception {
    List<Path> written = ReportWriter.pngs(dir, List.of(chart()), List.of("p.png"));
    if (!written.isEmpty()) {
      byte[] head = Files.readAllBytes(dir.resolve("p.png"));
      assertThat(head[1]).isEqualTo((byte) 'P');
    }
  }
}

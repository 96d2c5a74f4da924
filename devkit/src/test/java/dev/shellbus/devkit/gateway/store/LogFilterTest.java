package dev.shellbus.devkit.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.SandboxLogLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFilterTest {

  private static SandboxLogLine line(String level, String source, long ts) {
    return SandboxLogLine.newBuilder().setLevel(level).setSource(source).setTimestampMs(ts).build();
  }

  @Test
  void minLevelKeepsThatLevelAndMoreSevere() {
    LogFilter warn = LogFilter.of(0, List.of(), "warn");
    assertThat(warn.test(line("ERROR", "gateway", 1))).isTrue();
    assertThat(warn.test(line("WARN", "gateway", 1))).isTrue();
    assertThat(warn.test(line("INFO", "gateway", 1))).isFalse();
    assertThat(warn.test(line("OCSF", "gateway", 1))).isFalse();
    assertThat(warn.test(line("NOTICE", "gateway", 1))).as("unknown levels pass").isTrue();
    assertThat(LogFilter.of(0, List.of(), "INFO").test(line("OCSF", "", 1))).isTrue();
    assertThat(LogFilter.of(0, List.of(), "").test(line("TRACE", "", 1))).isTrue();
    assertThat(LogFilter.of(0, List.of(), "bogus").test(line("TRACE", "", 1))).isTrue();
  }

  @Test
  void emptySourceCountsAsGateway() {
    LogFilter gateway = LogFilter.of(0, List.of("gateway"), "");
    assertThat(gateway.test(line("INFO", "", 1))).isTrue();
    assertThat(gateway.test(line("INFO", "sandbox", 1))).isFalse();
    assertThat(LogFilter.of(0, List.of(""), "").test(line("INFO", "gateway", 1))).isTrue();
    assertThat(LogFilter.of(0, List.of(), "").test(line("INFO", "sandbox", 1))).isTrue();
  }

  @Test
  void sinceAppliesToTheTailOnly() {
    LogFilter since = LogFilter.of(100, List.of(), "");
    assertThat(since.test(line("INFO", "", 99))).isFalse();
    assertThat(since.test(line("INFO", "", 100))).isTrue();
    assertThat(since.passesSourceAndLevel(line("INFO", "", 99))).isTrue();
  }
}

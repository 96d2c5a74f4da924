package dev.shellbus.events.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.v1.TraceContext;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {

  private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void parsesTheW3cExample() {
    TraceParent parent = TraceParent.parse(VALID).orElseThrow();
    assertThat(parent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(parent.parentId()).isEqualTo("00f067aa0ba902b7");
    assertThat(parent.sampled()).isTrue();
    assertThat(parent.format()).isEqualTo(VALID);
  }

  @Test
  void higherVersionsParseWhenTheirPrefixDoesAndAreWrittenAsVersion00() {
    assertThat(TraceParent.parse("cc" + VALID.substring(2) + "-what-the-future-holds").map(TraceParent::format))
        .contains(VALID);
    assertThat(TraceParent.parse("cc" + VALID.substring(2) + "x")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
      "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",
      "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"})
  void rejectsValuesBreakingW3cRules(String value) {
    assertThat(TraceParent.parse(value)).isEmpty();
  }

  @Test
  void childKeepsTraceAndFlags() {
    TraceParent child = TraceParent.parse(VALID).orElseThrow().withParentId("b7ad6b7169203331");
    assertThat(child.format()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01");
  }

  @Test
  void propagatesAValidRequestContextOntoHeaders() {
    Headers headers = new RecordHeaders();

    assertThat(TraceHeaders.propagate(new TraceContext(VALID, "congo=t61rcWkgMzE"), headers)).isTrue();

    assertThat(new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8)).isEqualTo(VALID);
    assertThat(TraceHeaders.readState(headers)).contains("congo=t61rcWkgMzE");
    assertThat(TraceHeaders.toContext(headers)).contains(new TraceContext(VALID, "congo=t61rcWkgMzE"));
  }

  @Test
  void dropsInvalidContextAndOverlongTracestate() {
    Headers headers = new RecordHeaders();
    assertThat(TraceHeaders.propagate(new TraceContext("garbage", null), headers)).isFalse();
    assertThat(TraceHeaders.propagate(null, headers)).isFalse();
    assertThat(headers.toArray()).isEmpty();

    TraceHeaders.propagate(new TraceContext(VALID, "a=" + "b".repeat(TraceHeaders.MAX_TRACESTATE_LENGTH)), headers);
    assertThat(TraceHeaders.read(headers)).isPresent();
    assertThat(headers.lastHeader("tracestate")).isNull();
  }
}

package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.headers.CloudEventAttributes;
import dev.shellbus.events.headers.CloudEventHeaders;
import dev.shellbus.events.v1.SandboxRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventHeadersTest {

  private static final String HEADER_TRACE = "00-11111111111111111111111111111111-2222222222222222-01";

  @Test
  void eventsCarryCloudEventsAttributesAndTheRequestsTraceparentFromItsBody() {
    InboundRequest in = inbound(Events.exec("r-1", "s-1"), List.of());
    List<Header> headers = EventHeaders.forEvent(attributes(), in);

    assertThat(text(headers, CloudEventHeaders.SPECVERSION)).isEqualTo("1.0");
    assertThat(text(headers, CloudEventHeaders.TYPE)).isEqualTo("dev.shellbus.result.v1");
    assertThat(text(headers, CloudEventHeaders.SUBJECT)).isEqualTo("r-1");
    assertThat(text(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/avro");
    assertThat(text(headers, "traceparent")).isEqualTo(Events.TRACEPARENT);
  }

  @Test
  void theHeaderTraceparentIsUsedWhenTheBodyHasNone() {
    SandboxRequest request = Events.exec("r-2", "s-1");
    request.setTrace(null);
    List<Header> in = List.of(new RecordHeader("traceparent", HEADER_TRACE.getBytes(StandardCharsets.UTF_8)));
    List<Header> headers = EventHeaders.forEvent(attributes(), inbound(request, in));

    assertThat(text(headers, "traceparent")).isEqualTo(HEADER_TRACE);
    assertThat(EventHeaders.traceparent(request, new RecordHeaders(in.toArray(Header[]::new)))).contains(HEADER_TRACE);
  }

  @Test
  void noTraceMeansNoTraceparent() {
    SandboxRequest request = Events.exec("r-3", "s-1");
    request.setTrace(null);
    List<Header> headers = EventHeaders.forEvent(attributes(), inbound(request, List.of()));
    assertThat(headers).noneMatch(h -> h.key().equals("traceparent"));
  }

  private static CloudEventAttributes attributes() {
    return CloudEventAttributes.of(EventKind.RESULT, "id-1", CloudEventAttributes.workerSource("w"), Instant.now(),
        "r-1");
  }

  private static InboundRequest inbound(SandboxRequest request, List<Header> headers) {
    return new InboundRequest("requests", 0, 1, "s-1", headers, request, Optional.empty(), 1);
  }

  private static String text(List<Header> headers, String name) {
    return headers.stream().filter(h -> h.key().equals(name)).reduce((a, b) -> b)
        .map(h -> new String(h.value(), StandardCharsets.UTF_8)).orElse(null);
  }
}

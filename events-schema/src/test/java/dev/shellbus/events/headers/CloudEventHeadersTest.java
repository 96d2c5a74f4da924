package dev.shellbus.events.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.events.EventKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

  private static final Instant TIME = Instant.parse("2025-06-01T12:00:00.123456Z");

  private static String value(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void writesBinaryModeHeadersAsUtf8Strings() {
    Headers headers = new RecordHeaders();
    CloudEventHeaders.write(headers, CloudEventAttributes.of(EventKind.RESULT, "id-1",
        CloudEventAttributes.workerSource("worker-ä"), TIME, "req-1"));

    assertThat(value(headers, "ce_specversion")).isEqualTo("1.0");
    assertThat(value(headers, "ce_id")).isEqualTo("id-1");
    assertThat(value(headers, "ce_source")).isEqualTo("/shellbus/workers/worker-ä");
    assertThat(value(headers, "ce_type")).isEqualTo("dev.shellbus.result.v1");
    assertThat(value(headers, "ce_time")).isEqualTo("2025-06-01T12:00:00.123Z");
    assertThat(value(headers, "ce_subject")).isEqualTo("req-1");
    assertThat(value(headers, "content-type")).isEqualTo("application/avro");
  }

  @Test
  void readsBackWhatItWrote() {
    Headers headers = new RecordHeaders();
    CloudEventAttributes written = CloudEventAttributes.of(EventKind.LIFECYCLE, "id-2", "/src", TIME, null);
    CloudEventHeaders.write(headers, written);

    assertThat(CloudEventHeaders.read(headers)).contains(written);
    assertThat(headers.lastHeader("ce_subject")).isNull();
  }

  @Test
  void rewritingReplacesInsteadOfDuplicating() {
    Headers headers = new RecordHeaders();
    CloudEventHeaders.write(headers, CloudEventAttributes.of(EventKind.AUDIT, "a", "/s", TIME, "x"));
    CloudEventHeaders.write(headers, CloudEventAttributes.of(EventKind.AUDIT, "b", "/s", TIME, null));

    assertThat(headers.headers("ce_id")).hasSize(1);
    assertThat(headers.headers("ce_subject")).isEmpty();
    assertThat(value(headers, "ce_id")).isEqualTo("b");
  }

  @Test
  void recordWithoutSpecVersionIsNotACloudEvent() {
    assertThat(CloudEventHeaders.read(new RecordHeaders())).isEmpty();
  }

  @Test
  void missingRequiredAttributeNamesTheHeader() {
    Headers headers = new RecordHeaders();
    CloudEventHeaders.write(headers, CloudEventAttributes.of(EventKind.AUDIT, "a", "/s", TIME, null));
    headers.remove("ce_source");

    assertThatThrownBy(() -> CloudEventHeaders.read(headers))
        .isInstanceOfSatisfying(InvalidHeaderException.class, e -> assertThat(e.header()).isEqualTo("ce_source"));
  }

  @Test
  void otherSpecVersionsAreRejected() {
    Headers headers = new RecordHeaders();
    headers.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CloudEventHeaders.read(headers)).hasMessageContaining("ce_specversion");
  }

  @Test
  void parsesRfc3339WithOffsetsAndLowercaseSeparators() {
    assertThat(CloudEventHeaders.parseTime("2025-06-01T14:00:00+02:00")).isEqualTo("2025-06-01T12:00:00Z");
    assertThat(CloudEventHeaders.parseTime("2025-06-01t12:00:00.5z")).isEqualTo("2025-06-01T12:00:00.500Z");
    assertThatThrownBy(() -> CloudEventHeaders.parseTime("yesterday")).hasMessageContaining("ce_time");
  }

  @Test
  void everyKindHasItsOwnVersionedType() {
    assertThat(EventKind.values()).extracting(EventKind::cloudEventType)
        .doesNotHaveDuplicates()
        .allMatch(t -> t.matches("dev\\.shellbus\\.[a-z]+\\.v1"));
    assertThat(EventKind.ofCloudEventType("dev.shellbus.heartbeat.v1")).contains(EventKind.HEARTBEAT);
  }

  @Test
  void emptyRequiredAttributesAreRefused() {
    assertThatThrownBy(() -> CloudEventAttributes.of(EventKind.RESULT, "", "/s", TIME, null))
        .isInstanceOf(InvalidHeaderException.class).hasMessageContaining("ce_id");
  }
}

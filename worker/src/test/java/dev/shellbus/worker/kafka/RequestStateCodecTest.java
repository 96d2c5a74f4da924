package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class RequestStateCodecTest {

  @Test
  void doneStateRoundTripsWithItsRecordsBytesAndHeaders() {
    OutboundRecord result = new OutboundRecord("results", "session-1", new byte[] {(byte) 0xC3, 1, 0, -1},
        List.of(new RecordHeader("ce_id", "abc".getBytes(StandardCharsets.UTF_8)), new RecordHeader("empty", null)));
    OutboundRecord lifecycle = new OutboundRecord("lifecycle", null, new byte[] {7}, List.of());
    RequestState done = new RequestState("r-1", RequestState.Status.DONE, 2, "w-1", Optional.of("sb-r1"),
        Instant.parse("2026-01-02T03:04:05.678Z"), 42, List.of(result, lifecycle));

    RequestState back = RequestStateCodec.decode(RequestStateCodec.encode(done));

    assertThat(back.requestId()).isEqualTo("r-1");
    assertThat(back.status()).isEqualTo(RequestState.Status.DONE);
    assertThat(back.attempt()).isEqualTo(2);
    assertThat(back.nextAttempt()).isEqualTo(3);
    assertThat(back.sandboxName()).contains("sb-r1");
    assertThat(back.updatedAt()).isEqualTo(done.updatedAt());
    assertThat(back.offset()).isEqualTo(42);
    assertThat(back.records()).hasSize(2);
    assertThat(back.records().get(0).value()).containsExactly(0xC3, 1, 0, 0xFF);
    assertThat(back.records().get(0).key()).isEqualTo("session-1");
    assertThat(back.records().get(0).headers()).extracting(h -> h.key()).containsExactly("ce_id", "empty");
    assertThat(back.records().get(0).headers().get(0).value()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(back.records().get(0).headers().get(1).value()).isNull();
    assertThat(back.records().get(1).key()).isNull();
  }

  @Test
  void inFlightStateCarriesNoRecords() {
    RequestState state = new RequestState("r-2", RequestState.Status.IN_FLIGHT, 1, "w", Optional.empty(),
        Instant.now(), 3, List.of());
    RequestState back = RequestStateCodec.decode(RequestStateCodec.encode(state));
    assertThat(back.isDone()).isFalse();
    assertThat(back.records()).isEmpty();
    assertThat(back.sandboxName()).isEmpty();
  }

  @Test
  void garbageIsRejectedWithIllegalArgument() {
    assertThatThrownBy(() -> RequestStateCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestStateCodec.decode("{\"v\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

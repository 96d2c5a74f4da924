package dev.shellbus.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shellbus.events.Fixtures;
import dev.shellbus.events.schema.SchemaVersions;
import dev.shellbus.events.serde.EventDecodingException.Reason;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.WorkerHeartbeat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventDecodingErrorsTest {

  private final EventDeserializer<SandboxRequest> requests = new EventDeserializer<>(SandboxRequest.class);
  private final byte[] valid = new EventSerializer<>(SandboxRequest.class).serialize("t", Fixtures.request());
  private final long requestFingerprint = SchemaVersions.fingerprint(SandboxRequest.getClassSchema());

  private EventDecodingException decodeFails(byte[] bytes) {
    EventDecodingException e = catchThrowableOfType(EventDecodingException.class, () -> requests.decode(bytes));
    assertThat(e).as("decoding must fail with EventDecodingException").isNotNull();
    assertThat(e).isInstanceOf(SerializationException.class);
    return e;
  }

  @Test
  void emptyValueIsEmpty() {
    EventDecodingException e = decodeFails(new byte[0]);
    assertThat(e.reason()).isEqualTo(Reason.EMPTY);
    assertThat(e.fingerprint()).isEmpty();
  }

  @Test
  void nullValueIsNullValueNotEmpty() {
    EventDecodingException e = decodeFails(null);
    assertThat(e.reason()).isEqualTo(Reason.NULL_VALUE);
    assertThat(e.fingerprint()).isEmpty();
    assertThat(requests.deserialize("t", null)).as("a tombstone still deserializes to null").isNull();
  }

  @Test
  void jsonIsWrongMagic() {
    EventDecodingException e = decodeFails("{\"request_id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(e.reason()).isEqualTo(Reason.WRONG_MAGIC);
    assertThat(e).hasMessageContaining("0x7b22").hasMessageContaining("0xc301");
  }

  @Test
  void secondMarkerByteWrongIsWrongMagic() {
    assertThat(decodeFails(new byte[] {(byte) 0xC3, 0x02, 0, 0}).reason()).isEqualTo(Reason.WRONG_MAGIC);
  }

  @Test
  void markerAloneIsTruncated() {
    assertThat(decodeFails(new byte[] {(byte) 0xC3}).reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(decodeFails(Arrays.copyOf(valid, 9)).reason()).isEqualTo(Reason.TRUNCATED);
  }

  @Test
  void bodyCutShortIsTruncated() {
    EventDecodingException e = decodeFails(Arrays.copyOf(valid, valid.length - 5));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.fingerprint()).hasValue(requestFingerprint);
  }

  @Test
  void recordCutInsideAStringFieldIsTruncated() {
    SandboxRequest request = Fixtures.request();
    request.setRequestId("r".repeat(300));
    byte[] whole = new EventSerializer<>(SandboxRequest.class).serialize("t", request);
    // The header, the two-byte length prefix of request_id, then 100 of its 300 characters.
    EventDecodingException e = decodeFails(Arrays.copyOf(whole, SingleObjectHeader.LENGTH + 2 + 100));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.fingerprint()).hasValue(requestFingerprint);
  }

  @Test
  void everyProperPrefixOfAValidRequestIsTruncated() {
    for (SandboxRequest request : Fixtures.requestsOfEveryBody()) {
      byte[] whole = new EventSerializer<>(SandboxRequest.class).serialize("t", request);
      for (int length = 0; length < whole.length; length++) {
        Reason expected = length == 0 ? Reason.EMPTY : Reason.TRUNCATED;
        assertThat(decodeFails(Arrays.copyOf(whole, length)).reason())
            .as("the first %d of %d bytes of a %s", length, whole.length, request.getBody().getClass().getSimpleName())
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void unknownFingerprintIsNamed() {
    byte[] bytes = valid.clone();
    bytes[5] ^= 0x5A;
    EventDecodingException e = decodeFails(bytes);
    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FINGERPRINT);
    assertThat(e).hasMessageContaining("no stored version of SandboxRequest");
  }

  @Test
  void anotherRecordsBytesNameThatRecord() {
    byte[] lifecycle = new EventSerializer<>(LifecycleEvent.class).serialize("t", Fixtures.lifecycle());
    EventDecodingException e = decodeFails(lifecycle);
    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FINGERPRINT);
    assertThat(e).hasMessageContaining("belongs to LifecycleEvent v1");
  }

  @Test
  void trailingBytesAreCorrupt() {
    byte[] bytes = Arrays.copyOf(valid, valid.length + 3);
    EventDecodingException e = decodeFails(bytes);
    assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY);
    assertThat(e).hasMessageContaining("left over");
  }

  @Test
  void negativeLengthIsCorrupt() throws IOException {
    assertThat(decodeFails(body(-1)).reason()).isEqualTo(Reason.CORRUPT_BODY);
  }

  @Test
  void lengthOrCountBeyondAnyArrayIsTruncated() throws IOException {
    // Avro refuses these before reading (more than a Java array holds); they claim more than the record has.
    assertThat(decodeFails(body(1L << 31)).reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(decodeFails(body(0, 0, 0, 0, 0, 1L << 31)).reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(decodeFails(body(0, 0, 0, 0, 0, Long.MAX_VALUE)).reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(decodeFails(body(0, 0, 0, 0, 0, 1, 1L << 33)).reason()).isEqualTo(Reason.TRUNCATED);
  }

  @Test
  void negativeLengthInsideTheRecordIsCorruptNotTruncated() throws IOException {
    assertThat(decodeFails(body(Long.MIN_VALUE)).reason()).isEqualTo(Reason.CORRUPT_BODY);
    assertThat(decodeFails(body(0, 0, 0, 0, 0, 1, -3, 0, 0, 0))).hasMessageContaining("negative")
        .extracting(EventDecodingException::reason).isEqualTo(Reason.CORRUPT_BODY);
  }

  @Test
  void unionBranchOutOfRangeIsCorrupt() throws IOException {
    // request_id "", tenant "", principal "", created_at 0, deadline 0, labels {}, trace: branch 7 (no such branch).
    assertThat(decodeFails(body(0, 0, 0, 0, 0, 0, 7)).reason()).isEqualTo(Reason.CORRUPT_BODY);
  }

  @Test
  void hugeDeclaredLengthsAndCountsFailWithoutAllocatingThem() throws IOException {
    assertThat(decodeFails(body(1_000_000_000L)).reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(decodeFails(body(0, 0, 0, 0, 0, 500_000_000L)).reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(decodeFails(body(0, 0, 0, 0, 0, -500_000_000L, 10)).reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(decodeFails(body(Long.MAX_VALUE / 2)).reason()).isEqualTo(Reason.TRUNCATED);
    EventDeserializer<WorkerHeartbeat> heartbeats = new EventDeserializer<>(WorkerHeartbeat.class);
    byte[] header = new EventSerializer<>(WorkerHeartbeat.class).serialize("t", Fixtures.heartbeat());
    // worker_id, host, version, started_at, at, interval_ms, capacity, in_flight, queued, owned_sandboxes count.
    byte[] forged = forge(header, 0, 0, 0, 0, 0, 0, 0, 0, 0, 500_000_000L);
    assertThat(catchThrowableOfType(EventDecodingException.class, () -> heartbeats.decode(forged)).reason())
        .isEqualTo(Reason.TRUNCATED);
  }

  @Test
  void decodedRecordsWithTimestampsInListsCompareEqual() {
    EventDeserializer<SandboxResult> results = new EventDeserializer<>(SandboxResult.class);
    byte[] bytes = new EventSerializer<>(SandboxResult.class).serialize("t", Fixtures.result());

    assertThat(results.decode(bytes)).isEqualTo(results.decode(bytes)).isEqualTo(Fixtures.result());
  }

  /** A SandboxRequest header followed by Avro longs, to forge lengths and counts. */
  private byte[] body(long... longs) throws IOException {
    return forge(valid, longs);
  }

  private static byte[] forge(byte[] validRecord, long... longs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Arrays.copyOf(validRecord, SingleObjectHeader.LENGTH));
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    for (long value : longs) {
      encoder.writeLong(value);
    }
    encoder.flush();
    return out.toByteArray();
  }
}

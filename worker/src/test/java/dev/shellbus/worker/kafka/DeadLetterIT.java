package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.events.Topics;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.worker.kafka.RecordingHandler.Ledger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class DeadLetterIT {

  /** The Avro single-object header: marker and fingerprint. */
  private static final int HEADER = 10;

  @Test
  void undecodableBytesGoToTheDeadLetterTopicAndThePartitionKeepsFlowing(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 1)) {
      Ledger ledger = new Ledger();
      RequestConsumer consumer = h.start("w1", RecordingHandler.immediate("w1", h.topics, ledger), o -> o);
      byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
      byte[] unknownSchema = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0};
      h.sendRaw(0, "poison", garbage, List.of(new RecordHeader("x-origin", "test".getBytes(StandardCharsets.UTF_8))));
      h.sendRaw(0, "unknown", unknownSchema, List.of());
      h.sendRaw(0, "tombstone", null, List.of());
      h.sendRaw(0, "empty", new byte[0], List.of());
      h.sendRaw(0, "cut", cutInsideTheRequestId(), List.of());
      h.sendRaw(0, "claims", claimsMoreThanJavaHolds(), List.of());
      h.send(0, "good", Events.exec("good-1", "good"));

      List<ConsumerRecord<byte[], byte[]>> dlq = h.read(h.topics.deadLetters(), 6);
      h.read(h.topics.results(), 1);

      assertThat(dlq).extracting(r -> KafkaHarness.header(r, Topics.DLQ_REASON))
          .containsExactly("WRONG_MAGIC", "UNKNOWN_FINGERPRINT", "NULL_VALUE", "EMPTY", "TRUNCATED", "TRUNCATED");
      ConsumerRecord<byte[], byte[]> first = dlq.get(0);
      assertThat(first.value()).isEqualTo(garbage);
      assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("poison");
      assertThat(KafkaHarness.header(first, "x-origin")).isEqualTo("test");
      assertThat(KafkaHarness.header(first, Topics.DLQ_SOURCE_TOPIC)).isEqualTo(h.topics.requests());
      assertThat(KafkaHarness.header(first, Topics.DLQ_SOURCE_PARTITION)).isEqualTo("0");
      assertThat(KafkaHarness.header(first, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("0");
      assertThat(KafkaHarness.header(first, Topics.DLQ_DETAIL)).contains("WRONG_MAGIC");
      assertThat(dlq.get(2).value()).isNull();
      assertThat(dlq.get(3).value()).isEmpty();
      assertThat(dlq.get(4).value()).isEqualTo(cutInsideTheRequestId());
      assertThat(ledger.ids("start")).containsExactly("good-1");
      assertThat(consumer.metrics().deadLetteredCount()).isEqualTo(6);
      Await.until("all seven offsets committed", () -> Long.valueOf(7).equals(h.committed().get(0)), h::committed);
    }
  }

  /** A valid request cut off in the middle of its 300-character request id. */
  private static byte[] cutInsideTheRequestId() {
    byte[] whole = new EventSerializer<>(SandboxRequest.class).serialize("t", Events.exec("r".repeat(300), "cut"));
    return Arrays.copyOf(whole, HEADER + 2 + 100);
  }

  /** A valid request header, then a request id length of 2^40 bytes with nothing behind it. */
  private static byte[] claimsMoreThanJavaHolds() {
    byte[] whole = new EventSerializer<>(SandboxRequest.class).serialize("t", Events.exec("claims", "claims"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(whole, 0, HEADER);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      encoder.writeLong(1L << 40);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void aFailingHandlerGetsItsRequestDeadLetteredAsInternal(@BootstrapServers String bootstrap) {
    try (KafkaHarness h = new KafkaHarness(bootstrap, 1)) {
      Ledger ledger = new Ledger();
      RecordingHandler handler = new RecordingHandler("w1", h.topics, ledger, in -> in.requestId().equals("bug")
          ? CompletableFuture.failedFuture(new IllegalArgumentException("boom"))
          : CompletableFuture.completedFuture(null));
      h.start("w1", handler, o -> o);
      h.send(0, "a", Events.exec("bug", "a"));
      h.send(0, "b", Events.exec("fine", "b"));

      ConsumerRecord<byte[], byte[]> dlq = h.read(h.topics.deadLetters(), 1).get(0);
      h.read(h.topics.results(), 1);

      assertThat(KafkaHarness.header(dlq, Topics.DLQ_REASON)).isEqualTo("INTERNAL");
      assertThat(KafkaHarness.header(dlq, Topics.DLQ_DETAIL)).contains("request bug failed").contains("boom");
      Await.until("both offsets committed", () -> Long.valueOf(2).equals(h.committed().get(0)), h::committed);
    }
  }
}

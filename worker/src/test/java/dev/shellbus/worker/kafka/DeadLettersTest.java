package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  @Test
  void keepsOriginalBytesKeyAndHeadersAndSaysWhyAndWhereFrom() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(new RecordHeader("traceparent", "tp".getBytes(StandardCharsets.UTF_8)));
    ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>("requests", 3, 77L, 0L, TimestampType.CREATE_TIME,
        1, 3, "k".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}, headers, Optional.empty());

    ProducerRecord<byte[], byte[]> dlq = DeadLetters.of("dlq", original, "WRONG_MAGIC", "bad bytes");

    assertThat(dlq.topic()).isEqualTo("dlq");
    assertThat(dlq.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
    assertThat(dlq.value()).containsExactly(1, 2, 3);
    assertThat(text(dlq, "traceparent")).isEqualTo("tp");
    assertThat(text(dlq, Topics.DLQ_REASON)).isEqualTo("WRONG_MAGIC");
    assertThat(text(dlq, Topics.DLQ_DETAIL)).isEqualTo("bad bytes");
    assertThat(text(dlq, Topics.DLQ_SOURCE_TOPIC)).isEqualTo("requests");
    assertThat(text(dlq, Topics.DLQ_SOURCE_PARTITION)).isEqualTo("3");
    assertThat(text(dlq, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("77");
  }

  @Test
  void detailIsCutAt1024BytesWithoutSplittingACharacter() {
    String detail = "é".repeat(1000);
    String cut = DeadLetters.truncate(detail);
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(DeadLetters.MAX_DETAIL_BYTES);
    assertThat(cut).matches("é+");
  }

  private static String text(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}

package dev.shellbus.events.headers;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reads and replaces string-valued Kafka headers, UTF-8 encoded. */
final class Utf8Headers {

  private Utf8Headers() {}

  /** Returns the last value of {@code name}, decoded as UTF-8; empty when absent or null. */
  static Optional<String> last(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    if (header == null || header.value() == null) {
      return Optional.empty();
    }
    return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  /** Replaces every value of {@code name} with {@code value}. */
  static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}

package dev.shellbus.worker.kafka;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a request ended with: its terminal result and the other final records to publish with it.
 *
 * <p>The consumer, not the handler, publishes these records, in this order: first the {@code DONE} record on the
 * request-state topic (which stores all of them), then {@code result} and {@code finalEvents} together; only when the
 * broker has acknowledged every one of them does the input offset count as completed. Storing them first means that a
 * crash between the two steps re-publishes the same records on redelivery instead of running the request again.
 *
 * @param result the encoded {@code SandboxResult}, normally on the results topic and keyed like the request
 * @param finalEvents the other terminal records, typically the terminal {@code LifecycleEvent}; may be empty
 */
public record Completion(OutboundRecord result, List<OutboundRecord> finalEvents) {

  /** Checks the fields and copies the list. */
  public Completion {
    Objects.requireNonNull(result, "result");
    finalEvents = List.copyOf(finalEvents);
  }

  /** A completion with only a result. */
  public static Completion of(OutboundRecord result) {
    return new Completion(result, List.of());
  }

  /** Returns every record to publish, the result first. */
  public List<OutboundRecord> records() {
    return Stream.concat(Stream.of(result), finalEvents.stream()).toList();
  }
}

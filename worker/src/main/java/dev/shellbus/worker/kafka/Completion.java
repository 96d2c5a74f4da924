package dev.shellbus.worker.kafka;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Or, instead of an end, {@link #runAgain}: the attempt was interrupted by an outage of a dependency and the
 * consumer runs the request again as its next attempt at once, publishing nothing for this one.
 *
 * @param result the encoded {@code SandboxResult}, normally on the results topic and keyed like the request; null
 *     only with {@code runAgain}
 * @param finalEvents the other terminal records, typically the terminal {@code LifecycleEvent}; may be empty
 * @param runAgain why the request runs again as its next attempt instead of ending; empty for an end
 */
public record Completion(OutboundRecord result, List<OutboundRecord> finalEvents, Optional<String> runAgain) {

  /** Checks the fields and copies the list. */
  public Completion {
    Objects.requireNonNull(runAgain, "runAgain");
    if (runAgain.isEmpty()) {
      Objects.requireNonNull(result, "result");
    }
    finalEvents = List.copyOf(finalEvents);
  }

  /** An end: the result and the other terminal records. */
  public Completion(OutboundRecord result, List<OutboundRecord> finalEvents) {
    this(result, finalEvents, Optional.empty());
  }

  /** Not an end: run the request again as its next attempt, because {@code why}. */
  public static Completion runAgain(String why) {
    return new Completion(null, List.of(), Optional.of(why));
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

package dev.shellbus.cli;

import dev.shellbus.events.Topics;
import dev.shellbus.events.serde.EventDecodingException;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.SandboxResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Watches one request on the results and lifecycle topics: prints its lifecycle events as they are read and stops at
 * its result. The consumer decides where reading starts (the end for {@code submit}, the beginning to re-attach), so
 * the same watch serves {@code submit --follow}, {@code follow} and {@code result}.
 */
final class RequestWatch {

  /** Where a watch prints what it reads. */
  interface Sink {

    /** Called for each lifecycle event of the request. */
    void lifecycle(LifecycleEvent event);

    /** Called once, for the request's result. */
    void result(SandboxResult result);
  }

  private final EventDeserializer<SandboxResult> results = new EventDeserializer<>(SandboxResult.class);
  private final EventDeserializer<LifecycleEvent> lifecycle = new EventDeserializer<>(LifecycleEvent.class);
  private final EventConsumer consumer;
  private final String requestId;
  private final Sink sink;

  RequestWatch(EventConsumer consumer, String requestId, Sink sink) {
    this.consumer = consumer;
    this.requestId = requestId;
    this.sink = sink;
  }

  /**
   * Reads until the request's result, then returns it; returns empty when {@code until} passes first, or, with
   * {@code stopAtStartEnd}, when the topics have been read up to where they ended at the start.
   */
  Optional<SandboxResult> await(Instant until, boolean stopAtStartEnd, PrintWriter err) {
    SandboxResult found = null;
    while (Instant.now().isBefore(until)) {
      Duration left = Duration.between(Instant.now(), until);
      for (ConsumerRecord<String, byte[]> record : consumer.consumer().poll(min(left, Duration.ofMillis(500)))) {
        Optional<SandboxResult> result = accept(record, err);
        if (found == null && result.isPresent()) {
          found = result.get();
        }
      }
      boolean caughtUp = consumer.reachedStartEnd();
      if (found != null && caughtUp) {
        // Lifecycle events already in the topics when the watch began are printed before the result they led to.
        sink.result(found);
        return Optional.of(found);
      }
      if (stopAtStartEnd && caughtUp) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private Optional<SandboxResult> accept(ConsumerRecord<String, byte[]> record, PrintWriter err) {
    try {
      if (record.topic().equals(Topics.LIFECYCLE)) {
        LifecycleEvent event = lifecycle.decode(record.value());
        if (event != null && requestId.equals(event.getRequestId())) {
          sink.lifecycle(event);
        }
      } else {
        SandboxResult result = results.decode(record.value());
        if (result != null && requestId.equals(result.getRequestId())) {
          return Optional.of(result);
        }
      }
    } catch (EventDecodingException e) {
      err.println("shellbus: skipping undecodable record " + record.topic() + "-" + record.partition()
          + "@" + record.offset() + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? (a.isNegative() ? Duration.ZERO : a) : b;
  }
}

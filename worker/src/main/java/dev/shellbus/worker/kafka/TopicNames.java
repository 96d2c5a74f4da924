package dev.shellbus.worker.kafka;

import dev.shellbus.events.Topics;
import java.util.List;
import java.util.Objects;

/**
 * The topic names one worker uses; {@link #defaults()} gives the names every shellbus tool assumes.
 *
 * @param requests requests from platforms
 * @param results terminal results
 * @param lifecycle lifecycle transitions
 * @param audit audit records
 * @param workers compacted worker heartbeats
 * @param deadLetters dead-lettered requests
 * @param requestState compacted per-request state, co-partitioned with {@code requests}
 */
public record TopicNames(
    String requests,
    String results,
    String lifecycle,
    String audit,
    String workers,
    String deadLetters,
    String requestState) {

  /** Checks that every name is present. */
  public TopicNames {
    java.util.stream.Stream.of(requests, results, lifecycle, audit, workers, deadLetters, requestState)
        .forEach(n -> Objects.requireNonNull(n, "topic name"));
  }

  /** Returns the default names from {@link Topics}. */
  public static TopicNames defaults() {
    return new TopicNames(Topics.REQUESTS, Topics.RESULTS, Topics.LIFECYCLE, Topics.AUDIT, Topics.WORKERS,
        Topics.REQUESTS_DLQ, Topics.REQUEST_STATE);
  }

  /** Returns the same names with every one prefixed by {@code prefix}, e.g. for isolated tests. */
  public TopicNames prefixed(String prefix) {
    return new TopicNames(prefix + requests, prefix + results, prefix + lifecycle, prefix + audit, prefix + workers,
        prefix + deadLetters, prefix + requestState);
  }

  /** Returns every name, requests first. */
  public List<String> all() {
    return List.of(requests, results, lifecycle, audit, workers, deadLetters, requestState);
  }
}

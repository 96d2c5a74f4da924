package dev.shellbus.loadtest.kafka;

import dev.shellbus.events.Topics;

/**
 * The three topics the generator touches: it writes requests and reads results and lifecycle events.
 *
 * @param requests where {@code SandboxRequest}s are published
 * @param results where {@code SandboxResult}s are read
 * @param lifecycle where {@code LifecycleEvent}s are read
 */
public record TopicSet(String requests, String results, String lifecycle) {

  /** The default shellbus topic names. */
  public static TopicSet defaults() {
    return new TopicSet(Topics.REQUESTS, Topics.RESULTS, Topics.LIFECYCLE);
  }

  /** The default names with a prefix, e.g. {@code bench-1.shellbus.requests}. */
  public static TopicSet prefixed(String prefix) {
    return new TopicSet(prefix + Topics.REQUESTS, prefix + Topics.RESULTS, prefix + Topics.LIFECYCLE);
  }
}

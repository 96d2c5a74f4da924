package dev.shellbus.worker.kafka;

import java.util.Optional;

/**
 * This worker's claim on one request attempt: the assignment of the request's partition the attempt started under.
 * The handler asks it before every sandbox operation; once it is up (the partition was given up or reassigned, or
 * the group membership may have lapsed) the attempt must touch no sandbox any more, and the consumer publishes
 * nothing of it: the partition's next owner runs the request again. Thread-safe and non-blocking.
 */
public interface Lease {
  /** A lease that never ends, for requests that did not come from a partition (tests, tools). */
  Lease NONE = Optional::empty;

  /** Empty while the claim holds, else why it ended. */
  Optional<String> fenced();
}

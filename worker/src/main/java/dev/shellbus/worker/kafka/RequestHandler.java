package dev.shellbus.worker.kafka;

import io.vertx.core.Future;

/**
 * Runs requests for the consumer: the seam between the Kafka plumbing and request processing.
 *
 * <p>Every method is called on the consumer's Vert.x context and must not block it. The consumer guarantees that
 * requests with the same key are handed over strictly one after the other (the next only once the previous one's
 * completion is published), that at most the configured number run at once, and that it has written the {@code
 * IN_FLIGHT} state of the attempt before calling {@link #handle}. The handler may publish non-terminal events itself
 * (lifecycle transitions, audit) through an {@link EventPublisher}; the terminal ones it returns in the
 * {@link Completion}, and the consumer publishes them.
 */
public interface RequestHandler {

  /**
   * Runs a request to its terminal result and answers the records that report it.
   *
   * <p>The future should always succeed, also for invalid requests (a {@code REJECTED} result), failures (a {@code
   * FAILED} result) and cancellation. A failed future (or an exception) is treated as a bug: the request is
   * dead-lettered with reason {@code INTERNAL} so that its partition keeps flowing.
   */
  Future<Completion> handle(InboundRequest request);

  /**
   * Acts on a {@code Cancel} request at once, even while its key's queue is busy, and answers the cancel request's
   * own terminal records. Stopping the target request is the handler's business: the target then completes (as
   * {@code CANCELLED}) through its own {@link #handle} future.
   */
  Future<Completion> cancel(InboundRequest cancelRequest);

  /**
   * Tells the handler that the consumer gave up on a running request: its partition was revoked or lost, or a drain's
   * grace ran out. Whatever its future answers later is discarded, and the next owner of the partition runs the
   * request again as the next attempt. The handler should stop work on it; the default does nothing.
   */
  default void abandon(InboundRequest request) {}
}

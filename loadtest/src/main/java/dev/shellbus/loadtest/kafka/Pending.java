package dev.shellbus.loadtest.kafka;

import java.util.concurrent.CompletableFuture;

/** A request sent and not yet answered: what the collector needs to complete it and to attribute lifecycle events. */
final class Pending {

  final String requestId;
  final Arrival arrival;
  final long deadlineNanos;
  final CompletableFuture<Outcome> future = new CompletableFuture<>();
  volatile long sentNanos;
  volatile long sentEpochMillis;

  Pending(String requestId, Arrival arrival, long deadlineNanos) {
    this.requestId = requestId;
    this.arrival = arrival;
    this.deadlineNanos = deadlineNanos;
  }
}

package dev.shellbus.worker.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one request on the compacted request-state topic, keyed by request id and written to the same
 * partition number as the request.
 *
 * @param requestId the request id
 * @param status {@code IN_FLIGHT} (an attempt started) or {@code DONE} (its terminal records are stored here)
 * @param attempt the attempt this state belongs to, from 1
 * @param workerId the worker that wrote it
 * @param sandboxName the sandbox of the attempt, when known
 * @param updatedAt when it was written
 * @param offset the request's offset in its partition
 * @param records for {@code DONE}: the terminal records, the encoded {@code SandboxResult} first; else empty
 */
record RequestState(String requestId, Status status, int attempt, String workerId, Optional<String> sandboxName,
    Instant updatedAt, long offset, List<OutboundRecord> records) {

  /** Where a request stands. */
  enum Status {
    IN_FLIGHT,
    DONE
  }

  RequestState {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(sandboxName, "sandboxName");
    Objects.requireNonNull(updatedAt, "updatedAt");
    records = List.copyOf(records);
    if (status == Status.DONE && records.isEmpty()) {
      throw new IllegalArgumentException("a DONE state stores at least the result record");
    }
  }

  static RequestState inFlight(InboundRequest request, String workerId, Instant now) {
    return new RequestState(request.requestId(), Status.IN_FLIGHT, request.attempt(), workerId, Optional.empty(),
        now, request.offset(), List.of());
  }

  static RequestState done(InboundRequest request, String workerId, Instant now, Completion completion) {
    return new RequestState(request.requestId(), Status.DONE, request.attempt(), workerId, Optional.empty(), now,
        request.offset(), completion.records());
  }

  boolean isDone() {
    return status == Status.DONE;
  }

  /** Returns the attempt number a redelivered request runs as. */
  int nextAttempt() {
    return attempt + 1;
  }
}

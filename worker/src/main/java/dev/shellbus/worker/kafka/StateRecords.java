package dev.shellbus.worker.kafka;

import java.time.Instant;

/**
 * Reads the request-state topic for tools outside this package (the reaper): the summary of one state record,
 * without its stored result records.
 */
public final class StateRecords {

  /**
   * One request's state.
   *
   * @param requestId the request id
   * @param done whether its terminal records are stored (else an attempt is in flight)
   * @param attempt the attempt the state belongs to
   * @param workerId the worker that wrote it
   * @param updatedAt when it was written
   */
  public record Summary(String requestId, boolean done, int attempt, String workerId, Instant updatedAt) {}

  private StateRecords() {}

  /** Decodes a state record's value; throws {@link IllegalArgumentException} when the bytes are not one. */
  public static Summary decode(byte[] value) {
    RequestState s = RequestStateCodec.decode(value);
    return new Summary(s.requestId(), s.isDone(), s.attempt(), s.workerId(), s.updatedAt());
  }
}

package dev.shellbus.loadtest.kafka;

import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.StepResult;
import java.time.Instant;

/**
 * How one request ended, as the generator saw it.
 *
 * @param requestId the request
 * @param status the result status ({@code SUCCEEDED}, {@code FAILED}, ...), or {@code NO_RESULT} when none came
 *     before the deadline plus a grace, or {@code SEND_FAILED} when the broker refused the request
 * @param errorCode the result's error code, or null
 * @param sentNanos when the request was handed to the producer ({@link System#nanoTime()})
 * @param receivedNanos when the result was read (or the failure noticed)
 * @param result the result record, or null
 * @param sentEpochMillis the wall-clock time of the send, to set against the worker's milestones
 * @param receivedEpochMillis the wall-clock time the result was read
 */
public record Outcome(String requestId, String status, String errorCode, long sentNanos, long receivedNanos,
    SandboxResult result, long sentEpochMillis, long receivedEpochMillis) {

  /** The status of a request that got no result in time. */
  public static final String NO_RESULT = "NO_RESULT";
  /** The status of a request the producer could not publish. */
  public static final String SEND_FAILED = "SEND_FAILED";

  /** An outcome from a result record. */
  public static Outcome of(SandboxResult result, long sentNanos, long receivedNanos, long sentEpochMillis) {
    String code = result.getError() == null ? null : result.getError().getCode();
    return new Outcome(result.getRequestId(), result.getStatus().name(), code, sentNanos, receivedNanos, result,
        sentEpochMillis, System.currentTimeMillis());
  }

  /** An outcome without a result. */
  public static Outcome failed(String requestId, String status, long sentNanos, long receivedNanos) {
    return new Outcome(requestId, status, status, sentNanos, receivedNanos, null, 0, 0);
  }

  /** Returns whether the request succeeded. */
  public boolean succeeded() {
    return "SUCCEEDED".equals(status);
  }

  /** Returns the error code, or the status when the result carries no code. */
  public String failureCode() {
    return errorCode != null ? errorCode : status;
  }

  /** Returns the result's error message (what the worker said went wrong), or null. */
  public String failureMessage() {
    return result == null || result.getError() == null ? null : result.getError().getMessage();
  }

  /** Returns the time the worker reports for the steps (or the Exec) of the request, in milliseconds. */
  public long stepMillis() {
    if (result == null) {
      return 0;
    }
    long total = 0;
    for (StepResult step : result.getSteps()) {
      Instant started = step.getStartedAt();
      Instant finished = step.getFinishedAt();
      if (started != null && finished != null) {
        total += Math.max(0, finished.toEpochMilli() - started.toEpochMilli());
      }
    }
    return total;
  }
}

package dev.shellbus.orchestrator;

/**
 * Why a request failed, as the engine reports it. The names match the error codes of the event
 * contract (events-schema BEHAVIOR.md) so the worker maps them one to one; the orchestrator itself
 * knows nothing of Avro. Each code carries its default retryability: a transient code means the
 * same call may succeed if tried again within the request's deadline.
 */
public enum FailureCode {
  INVALID_REQUEST(false),
  INVALID_PATH(false),
  PAYLOAD_TOO_LARGE(false),
  DEADLINE_EXCEEDED(false),
  CANCELLED(false),
  GATEWAY_UNAVAILABLE(true),
  RESOURCE_EXHAUSTED(true),
  CONFLICT(true),
  UNAUTHENTICATED(false),
  PERMISSION_DENIED(false),
  NOT_FOUND(false),
  ALREADY_EXISTS(false),
  SANDBOX_FAILED(false),
  SANDBOX_NOT_READY(true),
  STEP_FAILED(false),
  STEP_TIMED_OUT(false),
  INPUT_UNAVAILABLE(true),
  DIGEST_MISMATCH(false),
  ARTIFACT_FAILED(true),
  EXEC_INTERRUPTED(true),
  STORAGE_FAILED(true),
  INTERNAL(false);

  private final boolean retryable;

  FailureCode(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether a failure of this kind is worth another attempt while the deadline allows. */
  public boolean retryable() {
    return retryable;
  }
}

package dev.shellbus.orchestrator;

/**
 * Why a request failed, as the engine reports it. Each code maps to one error code of the event
 * contract (events-schema BEHAVIOR.md, section 10), by the same name but for ALREADY_EXISTS (a
 * CONFLICT) and STORAGE_FAILED (an ARTIFACT_FAILED); the orchestrator itself knows nothing of Avro.
 *
 * <p>Each code has exactly one retryability, the one the contract documents for its error code: a
 * transient code means the same work may succeed if tried again, by the engine within the request's
 * deadline when the call is safe to repeat, or by the caller as a new request. A failure that needs
 * the other answer needs another code. The worker's {@code ErrorCodesTest} pins both tables together.
 */
public enum FailureCode {
  INVALID_REQUEST(false),
  INVALID_PATH(false),
  PAYLOAD_TOO_LARGE(false),
  DEADLINE_EXCEEDED(false),
  CANCELLED(false),
  GATEWAY_UNAVAILABLE(true),
  RESOURCE_EXHAUSTED(true),
  /** The request contradicts existing state (a session id already open, a sandbox in the wrong phase). */
  CONFLICT(false),
  /** The gateway aborted a call on a concurrent change (gRPC ABORTED): re-read and try again. */
  ABORTED(true),
  UNAUTHENTICATED(false),
  PERMISSION_DENIED(false),
  NOT_FOUND(false),
  /** The session ended by time (idle TTL or maximum lifetime) and its sandbox is gone: open a new session. */
  SESSION_EXPIRED(false),
  ALREADY_EXISTS(false),
  SANDBOX_FAILED(false),
  SANDBOX_NOT_READY(true),
  STEP_FAILED(false),
  STEP_TIMED_OUT(false),
  INPUT_UNAVAILABLE(true),
  DIGEST_MISMATCH(false),
  ARTIFACT_FAILED(true),
  /** An exec stream broke or ended without an exit status after the command started. */
  EXEC_INTERRUPTED(true),
  STORAGE_FAILED(true),
  /**
   * This attempt lost its claim on the request (its partition was revoked or its group membership may have lapsed):
   * the fence refused a sandbox operation, and the request's next owner runs it again.
   */
  INTERRUPTED(true),
  INTERNAL(false);

  private final boolean retryable;

  FailureCode(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether a failure of this kind is worth another attempt. */
  public boolean retryable() {
    return retryable;
  }
}

package dev.shellbus.events;

/**
 * The error codes a {@code SandboxResult.error.code} carries, each with whether resubmitting may help.
 *
 * <p>The Avro field is a string so that a code added later does not break older readers: they map it to
 * {@link #UNKNOWN} with {@link #parse(String)} and rely on the record's own {@code retryable} flag. {@code
 * retryable} here is the default the worker writes into that flag; BEHAVIOR.md lists the same table.
 */
public enum ErrorCode {
  /** The request breaks a rule: a missing field, a bad id, an env key, more than one body. */
  INVALID_REQUEST(false),
  /** A sandbox path breaks the path rules (outside the workspace, {@code ..}, control characters). */
  INVALID_PATH(false),
  /** An inline payload, argv, env or the whole request is over a size limit. */
  PAYLOAD_TOO_LARGE(false),
  /** The worker's configuration forbids the image, a provider, or the named policy. */
  POLICY_VIOLATION(false),
  /** The bytes on the request topic could not be decoded; the record went to the DLQ. */
  UNDECODABLE(false),
  /** The request deadline passed, or had passed on arrival. */
  DEADLINE_EXCEEDED(false),
  /** A Cancel request stopped the request. */
  CANCELLED(false),
  /** The gateway did not accept the worker's credentials. */
  UNAUTHENTICATED(false),
  /** The gateway refused the operation for the worker's identity. */
  PERMISSION_DENIED(false),
  /** The session, sandbox or provider named by the request does not exist (or is hidden). */
  NOT_FOUND(false),
  /** The session ended by time (idle TTL or maximum lifetime; the reaper deleted its sandbox): open a new one. */
  SESSION_EXPIRED(false),
  /** The request contradicts existing state, e.g. an OpenSession for a session id that is already open. */
  CONFLICT(false),
  /**
   * The gateway aborted an operation on a concurrent change (gRPC ABORTED), and retries within the deadline did
   * not help. Added after v1: older readers see {@link #UNKNOWN} and the record's {@code retryable} flag.
   */
  ABORTED(true),
  /** The gateway was unreachable or dropped the call, and retries within the deadline did not help. */
  GATEWAY_UNAVAILABLE(true),
  /** The gateway or object store throttled the worker, and retries within the deadline did not help. */
  RESOURCE_EXHAUSTED(true),
  /** The sandbox could not be created or went to ERROR. */
  SANDBOX_FAILED(false),
  /** The sandbox did not become READY in the time the deadline allowed. */
  SANDBOX_NOT_READY(true),
  /** A step exited non-zero (and did not allow failure). */
  STEP_FAILED(false),
  /** A step hit its own timeout_seconds (exit 124). */
  STEP_TIMED_OUT(false),
  /** An object-store input could not be fetched. */
  INPUT_UNAVAILABLE(true),
  /** An input's content does not match its expected SHA-256. */
  DIGEST_MISMATCH(false),
  /** A log or artifact could not be collected or stored. */
  ARTIFACT_FAILED(true),
  /**
   * A step's exec stream broke, or ended without an exit status, after the command had started; the worker does not
   * run it again itself because the command may have had effects. Added after v1: older readers see {@link
   * #UNKNOWN} and the record's {@code retryable} flag.
   */
  EXEC_INTERRUPTED(true),
  /** The attempt was interrupted (worker crash, rebalance, shutdown) and the attempts ran out. */
  INTERRUPTED(true),
  /** A bug or an unexpected gateway or store failure. */
  INTERNAL(false),
  /** A code this reader does not know; never written by a worker. */
  UNKNOWN(false);

  private final boolean retryable;

  ErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  /** Returns whether resubmitting the same work (as a new request) may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** Maps a code read from a record to the enum, giving {@link #UNKNOWN} for null or codes added later. */
  public static ErrorCode parse(String code) {
    if (code != null) {
      for (ErrorCode c : values()) {
        if (c.name().equals(code)) {
          return c;
        }
      }
    }
    return UNKNOWN;
  }
}

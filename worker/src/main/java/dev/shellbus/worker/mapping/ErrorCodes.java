package dev.shellbus.worker.mapping;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.orchestrator.FailureCode;

/**
 * The one table from the engine's {@link FailureCode} to the event contract's {@link ErrorCode}. Every
 * engine code has a contract code of the same name but two, which the contract folds into a wider one:
 * ALREADY_EXISTS is a CONFLICT and STORAGE_FAILED an ARTIFACT_FAILED. The switch has no default, so a new
 * engine code does not compile until it is given a contract code here, and {@code ErrorCodesTest} checks
 * that both sides agree on the code's retryability.
 */
public final class ErrorCodes {

  private ErrorCodes() {}

  /** Returns the contract's code for {@code code}. */
  public static ErrorCode of(FailureCode code) {
    return switch (code) {
      case INVALID_REQUEST -> ErrorCode.INVALID_REQUEST;
      case INVALID_PATH -> ErrorCode.INVALID_PATH;
      case PAYLOAD_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
      case DEADLINE_EXCEEDED -> ErrorCode.DEADLINE_EXCEEDED;
      case CANCELLED -> ErrorCode.CANCELLED;
      case GATEWAY_UNAVAILABLE -> ErrorCode.GATEWAY_UNAVAILABLE;
      case RESOURCE_EXHAUSTED -> ErrorCode.RESOURCE_EXHAUSTED;
      case CONFLICT, ALREADY_EXISTS -> ErrorCode.CONFLICT;
      case ABORTED -> ErrorCode.ABORTED;
      case UNAUTHENTICATED -> ErrorCode.UNAUTHENTICATED;
      case PERMISSION_DENIED -> ErrorCode.PERMISSION_DENIED;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case SESSION_EXPIRED -> ErrorCode.SESSION_EXPIRED;
      case SANDBOX_FAILED -> ErrorCode.SANDBOX_FAILED;
      case SANDBOX_NOT_READY -> ErrorCode.SANDBOX_NOT_READY;
      case STEP_FAILED -> ErrorCode.STEP_FAILED;
      case STEP_TIMED_OUT -> ErrorCode.STEP_TIMED_OUT;
      case INPUT_UNAVAILABLE -> ErrorCode.INPUT_UNAVAILABLE;
      case DIGEST_MISMATCH -> ErrorCode.DIGEST_MISMATCH;
      case ARTIFACT_FAILED, STORAGE_FAILED -> ErrorCode.ARTIFACT_FAILED;
      case EXEC_INTERRUPTED -> ErrorCode.EXEC_INTERRUPTED;
      case INTERRUPTED -> ErrorCode.INTERRUPTED;
      case INTERNAL -> ErrorCode.INTERNAL;
    };
  }
}

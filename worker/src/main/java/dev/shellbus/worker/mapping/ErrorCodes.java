package dev.shellbus.worker.mapping;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.orchestrator.FailureCode;

/**
 * Maps the engine's {@link FailureCode} to the event contract's {@link ErrorCode}: the same name where both have
 * it; ALREADY_EXISTS is a CONFLICT, an exec stream that ended without an exit status a STEP_FAILED, and a store
 * failure an ARTIFACT_FAILED. Anything else is INTERNAL.
 */
public final class ErrorCodes {

  private ErrorCodes() {}

  /** Returns the contract's code for {@code code}. */
  public static ErrorCode of(FailureCode code) {
    return switch (code) {
      case ALREADY_EXISTS -> ErrorCode.CONFLICT;
      case EXEC_INTERRUPTED -> ErrorCode.STEP_FAILED;
      case STORAGE_FAILED -> ErrorCode.ARTIFACT_FAILED;
      default -> {
        ErrorCode parsed = ErrorCode.parse(code.name());
        yield parsed == ErrorCode.UNKNOWN ? ErrorCode.INTERNAL : parsed;
      }
    };
  }
}

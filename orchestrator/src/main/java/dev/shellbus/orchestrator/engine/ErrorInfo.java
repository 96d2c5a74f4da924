package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;

/**
 * Why a request did not succeed, as the result carries it.
 *
 * @param code the failure code (same names as the event contract's error codes)
 * @param message a short message without secrets
 * @param retryable whether resubmitting the same work may succeed
 */
public record ErrorInfo(FailureCode code, String message, boolean retryable) {
  /** The error of a failure. */
  public static ErrorInfo of(ShellbusException failure) {
    return new ErrorInfo(failure.code(), failure.getMessage(), failure.retryable());
  }
}

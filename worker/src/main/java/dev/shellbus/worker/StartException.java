package dev.shellbus.worker;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;

/**
 * The worker could not start because a part it needs did not answer or refused it: Kafka, the gateway or the object
 * store. The message names the part and its address (never a secret) and what failed, in one line; {@code
 * WorkerMain} prints it and exits 1. The process ends whatever the code says of retrying; whatever restarts it tries again.
 */
public final class StartException extends ShellbusException {
  private static final long serialVersionUID = 1L;

  private final String part;

  /** {@code part} ({@code kafka}, {@code gateway} or {@code store}) failed as {@code message} says. */
  public StartException(String part, FailureCode code, String message, Throwable cause) {
    super(code, message, cause);
    this.part = part;
  }

  /** Returns the part that failed: {@code kafka}, {@code gateway} or {@code store}. */
  public String part() {
    return part;
  }
}

package dev.shellbus.orchestrator;

import java.util.Objects;

/**
 * The one root of every failure shellbus raises on purpose. Subtypes say where the failure came
 * from (gateway, object store, deadline, cancellation); {@link #code()} says what it means and
 * {@link #retryable()} whether another attempt may succeed. Messages never carry secrets.
 */
public class ShellbusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureCode code;
  private final boolean retryable;

  public ShellbusException(FailureCode code, String message) {
    this(code, message, code.retryable(), null);
  }

  public ShellbusException(FailureCode code, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.retryable = retryable;
  }

  /** The meaning of this failure, mapped one to one onto the event contract's error codes. */
  public FailureCode code() {
    return code;
  }

  /** Whether the operation that failed may succeed if attempted again before the deadline. */
  public boolean retryable() {
    return retryable;
  }
}

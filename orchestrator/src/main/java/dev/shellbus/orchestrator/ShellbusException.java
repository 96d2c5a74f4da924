package dev.shellbus.orchestrator;

import java.util.Objects;

/**
 * The one root of every failure shellbus raises on purpose. Subtypes say where the failure came
 * from (gateway, object store, deadline, cancellation); {@link #code()} says what it means and
 * {@link #retryable()} whether another attempt may succeed. The retryability is the code's, never
 * chosen per failure: a failure that needs another answer needs another {@link FailureCode}.
 * Messages never carry secrets.
 */
public class ShellbusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureCode code;

  public ShellbusException(FailureCode code, String message) {
    this(code, message, null);
  }

  public ShellbusException(FailureCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The meaning of this failure, mapped one to one onto the event contract's error codes. */
  public FailureCode code() {
    return code;
  }

  /** Whether the operation that failed may succeed if attempted again: {@link FailureCode#retryable()}. */
  public boolean retryable() {
    return code.retryable();
  }
}

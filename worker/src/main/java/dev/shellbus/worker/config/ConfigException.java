package dev.shellbus.worker.config;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;

/**
 * The worker's configuration is unusable: an unknown or mistyped key, a value out of range, a secret given where
 * secrets are not allowed, a named file that is missing. The message names the offending key and where its value came
 * from; it never contains a secret value. Never retryable: the same configuration fails the same way.
 */
public final class ConfigException extends ShellbusException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /** A problem with {@code key} (may be empty for the configuration as a whole). */
  public ConfigException(String key, String message) {
    this(key, message, null);
  }

  /** A problem with {@code key} caused by {@code cause}. */
  public ConfigException(String key, String message, Throwable cause) {
    super(FailureCode.INVALID_REQUEST, key.isEmpty() ? message : key + ": " + message, cause);
    this.key = key;
  }

  /** Returns the offending key, empty when the problem is not about one key. */
  public String key() {
    return key;
  }
}

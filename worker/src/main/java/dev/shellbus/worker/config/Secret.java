package dev.shellbus.worker.config;

import java.util.Objects;

/**
 * A secret configuration value (a token, a client secret, a storage key) that never shows itself.
 *
 * <p>{@link #toString()} answers a fixed mask, so a secret can sit in records, log lines and exception messages
 * without leaking; only {@link #reveal()} hands out the value, to the one client that needs it.
 */
public final class Secret {

  /** What {@link #toString()} answers. */
  public static final String MASK = "***";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps a value. */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** Returns the value itself, for the client that authenticates with it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return MASK;
  }
}

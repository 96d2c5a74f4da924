package dev.shellbus.worker.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One configuration key, declared once in {@link ConfigKeys}: its dotted name, type, default, description, whether
 * it is secret, and the rule its value must meet.
 *
 * <p>A key is set in the YAML file by its path ({@code kafka: {bootstrap-servers: ...}} or the dotted name), in the
 * environment as {@link #envName()} ({@code SHELLBUS_KAFKA_BOOTSTRAP_SERVERS}) and on the command line as {@code
 * --kafka.bootstrap-servers=VALUE}. A secret key is taken only from the environment or from code; its companion key
 * {@code <name>-file} names a file holding the value.
 *
 * @param <T> the value's Java type
 * @param name the dotted name, e.g. {@code kafka.bootstrap-servers}
 * @param type how values are parsed and written
 * @param defaultValue the default; null when the key has none (then it is optional, or required when {@code
 *     required})
 * @param description one sentence for the sample file
 * @param secret whether the value is secret (env or code only, redacted everywhere)
 * @param required whether the key must have a value
 * @param rule what a valid value satisfies
 * @param ruleText the rule in words, for errors and the sample file; empty when any value of the type is valid
 */
public record ConfigKey<T>(String name, ValueType<T> type, T defaultValue, String description, boolean secret,
    boolean required, Predicate<T> rule, String ruleText) {

  /** The prefix of every environment variable the worker reads. */
  public static final String ENV_PREFIX = "SHELLBUS_";

  /** Checks the declaration. */
  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(rule, "rule");
    ruleText = ruleText == null ? "" : ruleText;
    if (secret && defaultValue != null) {
      throw new IllegalArgumentException("secret key " + name + " cannot have a default");
    }
  }

  /** Returns the environment variable of this key: {@code SHELLBUS_} plus the name in upper case with underscores. */
  public String envName() {
    return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Returns the command-line flag of this key, {@code --} plus the name. */
  public String flag() {
    return "--" + name;
  }

  /** Returns the name of the key that names a file holding this secret's value. */
  public String fileKeyName() {
    return name + "-file";
  }

  /** Returns the default, if there is one. */
  public Optional<T> defaultOption() {
    return Optional.ofNullable(defaultValue);
  }

  /** Checks a parsed value against the rule, naming the key and the source on failure. */
  T check(T value, String source) {
    if (!rule.test(value)) {
      String shown = secret ? Secret.MASK : type.format(value);
      throw new ConfigException(name, "'" + shown + "' (from " + source + ") is invalid: must be " + ruleText);
    }
    return value;
  }
}

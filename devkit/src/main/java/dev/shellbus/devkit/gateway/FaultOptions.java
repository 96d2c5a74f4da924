package dev.shellbus.devkit.gateway;

import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Faults the dev gateway injects so that client retry and recovery paths get exercised.
 *
 * <p>The options are immutable; a running gateway takes a new set through {@link DevGateway#faults(FaultOptions)}.
 * RPC faults are keyed by the RPC name as it appears in the gRPC path (for example {@code "CreateSandbox"}); the key
 * {@code "*"} applies to every RPC without its own entry. Error rates draw from a random source seeded with
 * {@link #seed()}, so a run with the same calls in the same order fails the same calls. Sandbox faults select
 * sandboxes by a regular expression over their name; {@code ".*"} selects all.
 */
public final class FaultOptions {

  /** An injected failure: with probability {@code rate} the RPC answers {@code status} instead of running. */
  public record ErrorFault(double rate, GrpcStatus status, String message) {
    /** Checks the rate and the status. */
    public ErrorFault {
      if (!(rate >= 0.0 && rate <= 1.0)) {
        throw new IllegalArgumentException("faults.error.rate must be within [0, 1], got " + rate);
      }
      Objects.requireNonNull(status, "faults.error.status");
      if (status == GrpcStatus.OK) {
        throw new IllegalArgumentException("faults.error.status must not be OK");
      }
      message = message == null || message.isEmpty() ? "injected fault" : message;
    }
  }

  private static final FaultOptions NONE = builder().build();

  private final Map<String, Duration> latency;
  private final Map<String, ErrorFault> errors;
  private final long seed;
  private final Pattern stuckProvisioning;
  private final Pattern flapping;
  private final Duration flapEvery;
  private final Duration flapDownFor;
  private final Pattern mainProcessExit;
  private final Duration mainProcessExitAfter;
  private final int mainProcessExitCode;

  private FaultOptions(Builder b) {
    this.latency = Map.copyOf(b.latency);
    this.errors = Map.copyOf(b.errors);
    this.seed = b.seed;
    this.stuckProvisioning = b.stuckProvisioning;
    this.flapping = b.flapping;
    this.flapEvery = b.flapEvery;
    this.flapDownFor = b.flapDownFor;
    this.mainProcessExit = b.mainProcessExit;
    this.mainProcessExitAfter = b.mainProcessExitAfter;
    this.mainProcessExitCode = b.mainProcessExitCode;
  }

  /** Returns the options that inject nothing. */
  public static FaultOptions none() {
    return NONE;
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.latency.putAll(latency);
    b.errors.putAll(errors);
    b.seed = seed;
    b.stuckProvisioning = stuckProvisioning;
    b.flapping = flapping;
    b.flapEvery = flapEvery;
    b.flapDownFor = flapDownFor;
    b.mainProcessExit = mainProcessExit;
    b.mainProcessExitAfter = mainProcessExitAfter;
    b.mainProcessExitCode = mainProcessExitCode;
    return b;
  }

  /** Returns the latency added before the named RPC runs, or zero. */
  public Duration latency(String rpc) {
    return latency.getOrDefault(rpc, latency.getOrDefault("*", Duration.ZERO));
  }

  /** Returns the injected failure of the named RPC, if any. */
  public Optional<ErrorFault> error(String rpc) {
    return Optional.ofNullable(errors.getOrDefault(rpc, errors.get("*")));
  }

  /** Returns the seed of the error-rate random source. */
  public long seed() {
    return seed;
  }

  /** Returns whether a sandbox with this name never becomes READY. */
  public boolean stuckProvisioning(String sandboxName) {
    return matches(stuckProvisioning, sandboxName);
  }

  /** Returns whether a READY sandbox with this name flaps to PROVISIONING every {@link #flapEvery()}. */
  public boolean flapping(String sandboxName) {
    return flapping != null && !flapEvery.isZero() && matches(flapping, sandboxName);
  }

  /** Returns how long a flapping sandbox stays READY before it drops back to PROVISIONING. */
  public Duration flapEvery() {
    return flapEvery;
  }

  /** Returns how long a flapping sandbox stays PROVISIONING before it is READY again. */
  public Duration flapDownFor() {
    return flapDownFor;
  }

  /** Returns whether the main process of a sandbox with this name exits {@link #mainProcessExitAfter()} after READY. */
  public boolean mainProcessExits(String sandboxName) {
    return matches(mainProcessExit, sandboxName);
  }

  /** Returns how long after READY the main process exits. */
  public Duration mainProcessExitAfter() {
    return mainProcessExitAfter;
  }

  /** Returns the exit code the main process reports; a signal death is reported as 128 + n. */
  public int mainProcessExitCode() {
    return mainProcessExitCode;
  }

  private static boolean matches(Pattern pattern, String name) {
    return pattern != null && pattern.matcher(name).matches();
  }

  @Override
  public String toString() {
    return "FaultOptions{latency=" + latency + ", errors=" + errors + ", seed=" + seed + ", stuck=" + stuckProvisioning
        + ", flapping=" + flapping + "/" + flapEvery + "/" + flapDownFor + ", mainExit=" + mainProcessExit + "/"
        + mainProcessExitAfter + "/" + mainProcessExitCode + "}";
  }

  /** Collects fault settings; every setter checks its value and names the offending key. */
  public static final class Builder {
    private final Map<String, Duration> latency = new LinkedHashMap<>();
    private final Map<String, ErrorFault> errors = new LinkedHashMap<>();
    private long seed = 42;
    private Pattern stuckProvisioning;
    private Pattern flapping;
    private Duration flapEvery = Duration.ZERO;
    private Duration flapDownFor = Duration.ofMillis(200);
    private Pattern mainProcessExit;
    private Duration mainProcessExitAfter = Duration.ZERO;
    private int mainProcessExitCode;

    private Builder() {}

    /** Adds latency before the named RPC ({@code "*"} for all). */
    public Builder latency(String rpc, Duration delay) {
      latency.put(Objects.requireNonNull(rpc, "faults.latency.rpc"), nonNegative("faults.latency", delay));
      return this;
    }

    /** Makes the named RPC ({@code "*"} for all) fail with {@code status} at the given rate. */
    public Builder error(String rpc, double rate, GrpcStatus status, String message) {
      errors.put(Objects.requireNonNull(rpc, "faults.error.rpc"), new ErrorFault(rate, status, message));
      return this;
    }

    /** Sets the seed of the error-rate random source (default 42). */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Keeps sandboxes whose name matches the regular expression in PROVISIONING; {@code null} clears it. */
    public Builder stuckProvisioning(String regex) {
      stuckProvisioning = regex == null ? null : Pattern.compile(regex);
      return this;
    }

    /** Makes matching READY sandboxes drop to PROVISIONING every {@code every}, for {@code downFor} each time. */
    public Builder flapping(String regex, Duration every, Duration downFor) {
      flapping = regex == null ? null : Pattern.compile(regex);
      flapEvery = positive("faults.flap.every", every);
      flapDownFor = nonNegative("faults.flap.down-for", downFor);
      return this;
    }

    /** Makes the main process of matching sandboxes exit with {@code exitCode} {@code after} they become READY. */
    public Builder mainProcessExit(String regex, Duration after, int exitCode) {
      mainProcessExit = regex == null ? null : Pattern.compile(regex);
      mainProcessExitAfter = nonNegative("faults.main-exit.after", after);
      mainProcessExitCode = exitCode;
      return this;
    }

    /** Returns the immutable options. */
    public FaultOptions build() {
      return new FaultOptions(this);
    }

    private static Duration nonNegative(String key, Duration value) {
      Objects.requireNonNull(value, key);
      if (value.isNegative()) {
        throw new IllegalArgumentException(key + " must not be negative, got " + value);
      }
      return value;
    }

    private static Duration positive(String key, Duration value) {
      if (nonNegative(key, value).isZero()) {
        throw new IllegalArgumentException(key + " must be positive, got " + value);
      }
      return value;
    }
  }
}

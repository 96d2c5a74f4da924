package dev.shellbus.devkit.gateway.service;

import dev.shellbus.devkit.gateway.FaultOptions;
import dev.shellbus.devkit.gateway.GatewayException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * The faults in force, changeable while the gateway runs, with the seeded random source that decides error rates.
 *
 * <p>Setting new options reseeds the random source, so a test that sets faults and then makes the same calls sees the
 * same failures every run.
 */
public final class FaultState {

  private volatile FaultOptions options;
  private Random random;

  /** Starts with {@code initial} in force. */
  public FaultState(FaultOptions initial) {
    set(initial);
  }

  /** Puts new options in force and reseeds the random source. */
  public synchronized void set(FaultOptions next) {
    options = Objects.requireNonNull(next, "faults");
    random = new Random(next.seed());
  }

  /** Returns the options in force. */
  public FaultOptions current() {
    return options;
  }

  /** Returns the latency to add before the named RPC. */
  public Duration latency(String rpc) {
    return options.latency(rpc);
  }

  /** Draws whether the named RPC fails now, and returns the failure to answer if so. */
  public synchronized Optional<GatewayException> failure(String rpc) {
    return options.error(rpc)
        .filter(fault -> fault.rate() > 0 && random.nextDouble() < fault.rate())
        .map(fault -> new GatewayException(fault.status(), fault.message()));
  }
}

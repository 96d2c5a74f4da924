package dev.shellbus.orchestrator.outage;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker for one dependency (the gateway, the object store): it tells an outage from a failed call, so
 * that work waits out an outage instead of spending its retries on it.
 *
 * <p>CLOSED while calls succeed. {@link Policy#threshold()} consecutive failures with the dependency's unavailability
 * code ({@code GATEWAY_UNAVAILABLE}, {@code STORAGE_FAILED}), or a failed health check ({@link #trip}), open it. While
 * OPEN, a probe (the dependency's health call) runs every {@link Policy#probeEvery()}; during a probe the breaker is
 * PROBING (half-open), and the probe's success, or any call's, closes it. Callers that find it open wait in
 * {@link #awaitClosed} (bounded by their deadline) instead of calling. Thread-safe; listeners and waiters are called
 * outside the lock, waiters on the context they waited from.
 */
public final class Breaker {

  private static final Logger LOG = LoggerFactory.getLogger(Breaker.class);

  /** The breaker's states. */
  public enum State {
    /** The dependency answers; calls go through. */
    CLOSED,
    /** The dependency is down; calls wait, a probe runs every interval. */
    OPEN,
    /** A probe is running (half-open). */
    PROBING
  }

  /**
   * When the breaker opens and how often it probes.
   *
   * @param threshold consecutive unavailability failures that open the breaker (at least 1)
   * @param probeEvery the wait between probes while open
   * @param probeTimeout how long one probe may take
   */
  public record Policy(int threshold, Duration probeEvery, Duration probeTimeout) {
    /** The default: open after 3 failures in a row, probe every second, 2 s per probe. */
    public static final Policy DEFAULT = new Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(2));

    /** Checks the values. */
    public Policy {
      if (threshold < 1) {
        throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
      }
      if (probeEvery == null || probeEvery.isNegative() || probeEvery.isZero()) {
        throw new IllegalArgumentException("probeEvery must be > 0, was " + probeEvery);
      }
      if (probeTimeout == null || probeTimeout.isNegative() || probeTimeout.isZero()) {
        throw new IllegalArgumentException("probeTimeout must be > 0, was " + probeTimeout);
      }
    }
  }

  /** Hears every change of state; called outside the breaker's lock, on any thread. */
  @FunctionalInterface
  public interface Listener {
    /** The breaker of {@code dependency} moved to {@code to}: OPEN (with why it opened) or CLOSED (after how long). */
    void changed(String dependency, State to, String why);
  }

  private final Vertx vertx;
  private final String dependency;
  private final FailureCode code;
  private final Policy policy;
  private final Supplier<Future<?>> probe;
  private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Consumer<Boolean>> waiters = new ArrayList<>();
  private State state = State.CLOSED;
  private int consecutive;
  private Instant openedAt;
  private String cause = "";
  private long probeTimer = -1;
  private boolean stopped;

  /**
   * Creates a closed breaker.
   *
   * @param dependency the dependency's name in logs and metrics, e.g. {@code gateway}
   * @param code the failure code that means the dependency is unavailable
   * @param probe the health call run while open; its success closes the breaker
   */
  public Breaker(Vertx vertx, String dependency, FailureCode code, Policy policy, Supplier<Future<?>> probe) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.dependency = Objects.requireNonNull(dependency, "dependency");
    this.code = Objects.requireNonNull(code, "code");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.probe = Objects.requireNonNull(probe, "probe");
  }

  /** Adds a listener of state changes. */
  public Breaker listen(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** The dependency's name. */
  public String dependency() {
    return dependency;
  }

  /** The state now. */
  public synchronized State state() {
    return state;
  }

  /** Whether calls should wait: OPEN or PROBING. */
  public synchronized boolean isOpen() {
    return state != State.CLOSED;
  }

  /** Whether {@code failure} is this dependency's unavailability (as opposed to a refused or failed call). */
  public boolean outage(Throwable failure) {
    return failure instanceof ShellbusException se && se.code() == code;
  }

  /** Records a call that succeeded: the dependency answers. */
  public void succeeded() {
    boolean close;
    synchronized (this) {
      consecutive = 0;
      close = state != State.CLOSED;
    }
    if (close) {
      close("a call succeeded");
    }
  }

  /** Records a call that failed; only an {@link #outage} counts towards opening. */
  public void failed(Throwable failure) {
    if (!outage(failure)) {
      return;
    }
    boolean open;
    synchronized (this) {
      consecutive++;
      open = state == State.CLOSED && consecutive >= policy.threshold();
    }
    if (open) {
      open(consecutive + " calls in a row failed, last: " + failure.getMessage());
    }
  }

  /** Opens the breaker because a health check failed ({@code why}); nothing when it is open already. */
  public void trip(String why) {
    open("health check failed: " + why);
  }

  /**
   * Completes with true on the caller's context once the breaker has closed (at once when it is closed; it may open
   * again before the caller acts, and {@link #guard} then waits again), or with false when {@code deadline} comes
   * first or the breaker is stopped.
   */
  public Future<Boolean> awaitClosed(Deadline deadline) {
    Context context = vertx.getOrCreateContext();
    Promise<Boolean> promise = Promise.promise();
    Consumer<Boolean> wake;
    synchronized (this) {
      if (state == State.CLOSED) {
        return Future.succeededFuture(true);
      }
      if (stopped || deadline.expired()) {
        return Future.succeededFuture(false);
      }
      long timer = vertx.setTimer(Math.max(1, deadline.remaining().toMillis()),
          id -> context.runOnContext(v -> promise.tryComplete(false)));
      wake = closed -> {
        vertx.cancelTimer(timer);
        context.runOnContext(v -> promise.tryComplete(closed));
      };
      waiters.add(wake);
    }
    return promise.future().onComplete(ar -> {
      synchronized (this) {
        waiters.remove(wake);
      }
    });
  }

  /**
   * Runs {@code call} through the breaker: while it is open, first waits for it to close (failing with
   * {@link #unavailable} when {@code deadline} comes first); records the call's outcome; and when the call failed
   * because the dependency is unavailable and the breaker is open by then, waits and calls again if {@code repeatable}
   * (the call had no effect, or repeating it is safe). Other failures, and outages before the breaker opened, are
   * answered as they are, for the caller's own retries.
   */
  public <T> Future<T> guard(String operation, Deadline deadline, boolean repeatable, Supplier<Future<T>> call) {
    if (isOpen()) {
      return awaitClosed(deadline).compose(closed -> closed
          ? guard(operation, deadline, repeatable, call)
          : Future.failedFuture(unavailable(operation)));
    }
    Future<T> answer;
    try {
      answer = Objects.requireNonNull(call.get(), "the call returned no future");
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer.transform(ar -> {
      if (ar.succeeded()) {
        succeeded();
        return Future.succeededFuture(ar.result());
      }
      failed(ar.cause());
      if (repeatable && outage(ar.cause()) && isOpen() && !deadline.expired()) {
        return guard(operation, deadline, true, call);
      }
      return Future.failedFuture(ar.cause());
    });
  }

  /** The failure a caller gives when the dependency stayed unavailable up to its deadline. */
  public synchronized ShellbusException unavailable(String operation) {
    long seconds = openedAt == null ? 0 : Duration.between(openedAt, Instant.now()).toSeconds();
    return new ShellbusException(code, dependency + " unavailable for " + seconds + " s (" + cause + "); " + operation
        + " could not run before the deadline");
  }

  /** Stops probing and releases every waiter with false; for shutdown. */
  public void stop() {
    List<Consumer<Boolean>> wake;
    synchronized (this) {
      stopped = true;
      if (probeTimer >= 0) {
        vertx.cancelTimer(probeTimer);
      }
      wake = List.copyOf(waiters);
      waiters.clear();
    }
    wake.forEach(w -> w.accept(false));
  }

  private void open(String why) {
    synchronized (this) {
      if (state != State.CLOSED || stopped) {
        return;
      }
      state = State.OPEN;
      openedAt = Instant.now();
      cause = why;
      scheduleProbe();
    }
    LOG.warn("{} unavailable: {}; new work waits, running requests wait within their deadlines", dependency, why);
    listeners.forEach(l -> l.changed(dependency, State.OPEN, why));
  }

  private void close(String why) {
    List<Consumer<Boolean>> wake;
    String down;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      consecutive = 0;
      if (probeTimer >= 0) {
        vertx.cancelTimer(probeTimer);
        probeTimer = -1;
      }
      down = Duration.between(openedAt, Instant.now()).toMillis() + " ms";
      wake = List.copyOf(waiters);
      waiters.clear();
    }
    LOG.info("{} available again after {} ({})", dependency, down, why);
    listeners.forEach(l -> l.changed(dependency, State.CLOSED, "after " + down));
    wake.forEach(w -> w.accept(true));
  }

  /** Caller holds the lock. */
  private void scheduleProbe() {
    probeTimer = vertx.setTimer(policy.probeEvery().toMillis(), id -> probe());
  }

  private void probe() {
    synchronized (this) {
      if (state != State.OPEN || stopped) {
        return;
      }
      state = State.PROBING;
      probeTimer = -1;
    }
    Future<?> answer;
    try {
      answer = probe.get();
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.timeout(policy.probeTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).onComplete(ar -> {
      if (ar.succeeded()) {
        close("probe succeeded");
        return;
      }
      synchronized (this) {
        if (state == State.PROBING && !stopped) {
          state = State.OPEN;
          cause = String.valueOf(ar.cause().getMessage());
          scheduleProbe();
        }
      }
      LOG.debug("{} probe failed: {}", dependency, ar.cause().toString());
    });
  }
}

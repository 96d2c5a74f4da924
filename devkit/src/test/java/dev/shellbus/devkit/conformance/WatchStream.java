package dev.shellbus.devkit.conformance;

import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxStreamEvent;
import dev.shellbus.gateway.v1.WatchSandboxRequest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A WatchSandbox stream that collects its events in the background. The test thread waits on it with deadlines for a
 * snapshot that matches or for the end of the stream, and cancels it when done.
 */
final class WatchStream implements AutoCloseable {

  private final List<SandboxStreamEvent> events = new ArrayList<>();
  private GrpcClientRequest<WatchSandboxRequest, SandboxStreamEvent> call;
  private Context context;
  private boolean ended;
  private GrpcStatus status;
  private String statusMessage;
  private Throwable error;

  /** Records the call; runs on the call's context, where {@link #close()} cancels it. */
  synchronized void opened(GrpcClientRequest<WatchSandboxRequest, SandboxStreamEvent> request) {
    call = request;
    context = Vertx.currentContext();
  }

  synchronized void event(SandboxStreamEvent event) {
    events.add(event);
    notifyAll();
  }

  synchronized void end(GrpcStatus endStatus, String message, Throwable failure) {
    if (!ended) {
      ended = true;
      status = endStatus;
      statusMessage = message;
      error = failure;
      notifyAll();
    }
  }

  /** Returns the events so far. */
  synchronized List<SandboxStreamEvent> events() {
    return List.copyOf(events);
  }

  /** Returns the sandbox snapshots so far, in arrival order. */
  synchronized List<Sandbox> snapshots() {
    return events.stream().filter(SandboxStreamEvent::hasSandbox).map(SandboxStreamEvent::getSandbox).toList();
  }

  /**
   * Waits for the first snapshot that matches.
   *
   * @throws AssertionError when the stream ends first or nothing matches within {@code timeout}
   */
  synchronized Sandbox awaitSnapshot(String what, Predicate<Sandbox> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < events.size(); checked++) {
        SandboxStreamEvent event = events.get(checked);
        if (event.hasSandbox() && condition.test(event.getSandbox())) {
          return event.getSandbox();
        }
      }
      if (ended) {
        throw new AssertionError("the watch ended (" + describeEnd() + ") before " + what + "; snapshots: "
            + phases());
      }
      waitUntil(deadline, () -> "no " + what + " within " + timeout + "; snapshots: " + phases());
    }
  }

  /**
   * Waits for the stream to end and returns its status.
   *
   * @throws AssertionError when it is still open after {@code timeout}
   */
  synchronized Optional<GrpcStatus> awaitEnd(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ended) {
      waitUntil(deadline, () -> "the watch did not end within " + timeout + "; snapshots: " + phases());
    }
    return Optional.ofNullable(status);
  }

  /** Returns how the stream ended, for assertion messages. */
  synchronized String describeEnd() {
    if (!ended) {
      return "still open";
    }
    if (status == null) {
      return "no status: " + error;
    }
    return status.name() + (statusMessage == null ? "" : " '" + statusMessage + "'");
  }

  /** Cancels the stream if it is still open. */
  @Override
  public void close() {
    GrpcClientRequest<WatchSandboxRequest, SandboxStreamEvent> request;
    Context on;
    synchronized (this) {
      request = ended ? null : call;
      on = context;
    }
    if (request != null) {
      on.runOnContext(ignored -> request.cancel());
    }
  }

  private List<String> phases() {
    return events.stream().filter(SandboxStreamEvent::hasSandbox)
        .map(event -> event.getSandbox().getStatus().getPhase().name()).toList();
  }

  private void waitUntil(long deadline, Supplier<String> timeoutMessage) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new AssertionError(timeoutMessage.get());
    }
    try {
      wait(Math.max(1, left / 1_000_000));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while watching", interrupted);
    }
  }
}

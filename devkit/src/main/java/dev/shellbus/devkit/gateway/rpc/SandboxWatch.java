package dev.shellbus.devkit.gateway.rpc;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.devkit.gateway.store.LogFilter;
import dev.shellbus.devkit.gateway.store.SandboxRecord;
import dev.shellbus.devkit.gateway.store.SandboxStore;
import dev.shellbus.devkit.gateway.store.WatchBus;
import dev.shellbus.gateway.v1.PlatformEvent;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxLogLine;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.SandboxStreamEvent;
import dev.shellbus.gateway.v1.WatchSandboxRequest;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One WatchSandbox stream (contract section 4.9): a snapshot first, then the log and event tails, then live changes.
 *
 * <p>The stream honours gRPC flow control: while the response's write queue is full, messages wait in a queue of at
 * most {@code bufferLimit} entries. A watcher that lags beyond that loses its stream with RESOURCE_EXHAUSTED
 * {@code watch stream lagged; dropped N messages}, as the real gateway's broadcast channel does. Confined to the
 * gateway's event-loop context.
 */
final class SandboxWatch implements WatchBus.Listener {

  /** How many log lines the tail replays when the request says 0. */
  static final int DEFAULT_LOG_TAIL = 200;

  private final SandboxStore store;
  private final GrpcServerResponse<WatchSandboxRequest, SandboxStreamEvent> response;
  private final WatchSandboxRequest request;
  private final LogFilter filter;
  private final int bufferLimit;
  private final Deque<SandboxStreamEvent> pending = new ArrayDeque<>();
  private WatchBus.Subscription subscription;
  private boolean ended;

  private SandboxWatch(SandboxStore store, GrpcServerResponse<WatchSandboxRequest, SandboxStreamEvent> response,
      WatchSandboxRequest request, int bufferLimit) {
    this.store = store;
    this.response = response;
    this.request = request;
    this.filter = LogFilter.of(request.getLogSinceMs(), request.getLogSourcesList(), request.getLogMinLevel());
    this.bufferLimit = bufferLimit;
  }

  /**
   * Validates the request and starts streaming.
   *
   * @throws GatewayException INVALID_ARGUMENT for an empty id, NOT_FOUND for an unknown one
   */
  static void start(SandboxStore store, GrpcServerRequest<WatchSandboxRequest, SandboxStreamEvent> call,
      WatchSandboxRequest request, int bufferLimit) {
    if (request.getId().isEmpty()) {
      throw GatewayException.invalid("id is required");
    }
    SandboxRecord record = store.find(request.getId())
        .orElseThrow(() -> GatewayException.notFound("sandbox not found"));
    SandboxWatch watch = new SandboxWatch(store, call.response(), request, bufferLimit);
    call.exceptionHandler(error -> watch.close());
    call.errorHandler(error -> watch.close());
    watch.begin(record);
  }

  private void begin(SandboxRecord record) {
    subscription = store.bus().subscribe(record.id(), this);
    response.exceptionHandler(error -> close());
    Sandbox snapshot = record.sandbox();
    send(SandboxStreamEvent.newBuilder().setSandbox(snapshot).build());
    if (request.getStopOnTerminal() && snapshot.getStatus().getPhase() == SandboxPhase.SANDBOX_PHASE_READY) {
      finish();
      return;
    }
    if (request.getFollowLogs()) {
      int lines = request.getLogTailLines() == 0 ? DEFAULT_LOG_TAIL : request.getLogTailLines();
      for (SandboxLogLine line : store.logs().tail(record.id(), lines)) {
        if (filter.test(line)) {
          send(SandboxStreamEvent.newBuilder().setLog(line).build());
        }
      }
    }
    if (request.getFollowEvents()) {
      for (PlatformEvent event : store.logs().eventTail(record.id(), request.getEventTail())) {
        send(SandboxStreamEvent.newBuilder().setEvent(event).build());
      }
    }
  }

  /** Ends the watch when the client goes away; called from the call's exception and error handlers. */
  void close() {
    ended = true;
    pending.clear();
    if (subscription != null) {
      subscription.cancel();
    }
  }

  @Override
  public void onStatus() {
    if (ended) {
      return;
    }
    store.find(request.getId()).ifPresent(record -> {
      Sandbox snapshot = record.sandbox();
      if (request.getFollowStatus()) {
        send(SandboxStreamEvent.newBuilder().setSandbox(snapshot).build());
      }
      if (request.getStopOnTerminal() && snapshot.getStatus().getPhase() == SandboxPhase.SANDBOX_PHASE_READY) {
        finish();
      }
    });
  }

  @Override
  public void onLog(SandboxLogLine line) {
    if (request.getFollowLogs() && filter.passesSourceAndLevel(line)) {
      send(SandboxStreamEvent.newBuilder().setLog(line).build());
    }
  }

  @Override
  public void onEvent(PlatformEvent event) {
    if (request.getFollowEvents()) {
      send(SandboxStreamEvent.newBuilder().setEvent(event).build());
    }
  }

  @Override
  public void onRemoved() {
    finish();
  }

  private void send(SandboxStreamEvent message) {
    if (ended) {
      return;
    }
    if (pending.isEmpty() && !response.writeQueueFull()) {
      write(message);
      return;
    }
    if (pending.size() >= bufferLimit) {
      lagged();
      return;
    }
    pending.addLast(message);
    response.drainHandler(ignored -> drain());
  }

  private void drain() {
    while (!ended && !pending.isEmpty() && !response.writeQueueFull()) {
      write(pending.pollFirst());
    }
  }

  private void write(SandboxStreamEvent message) {
    try {
      response.write(message).onFailure(error -> close());
    } catch (IllegalStateException clientGone) {
      close();
    }
  }

  private void lagged() {
    int dropped = pending.size() + 1;
    close();
    GatewayException.fail(response, new GatewayException(GrpcStatus.RESOURCE_EXHAUSTED,
        "watch stream lagged; dropped " + dropped + " messages"));
  }

  private void finish() {
    if (ended) {
      return;
    }
    while (!pending.isEmpty()) {
      write(pending.pollFirst());
    }
    close();
    try {
      response.end();
    } catch (IllegalStateException alreadyEnded) {
      // the client went away first
    }
  }
}

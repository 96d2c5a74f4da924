package dev.shellbus.orchestrator.testing;

import dev.shellbus.orchestrator.gateway.ExecEvent;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/** A flow-controlled stream of exec events for the fake gateway; delivers on its context. */
final class FakeEventStream implements ReadStream<ExecEvent> {
  private final Context context;
  private final ArrayDeque<ExecEvent> queue = new ArrayDeque<>();
  private long demand = Long.MAX_VALUE;
  private boolean ended;
  private boolean endDelivered;
  private boolean scheduled;
  private Handler<ExecEvent> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  int pauses;

  FakeEventStream(Context context) {
    this.context = context;
  }

  void emit(ExecEvent event) {
    queue.add(event);
    schedule();
  }

  void end() {
    ended = true;
    schedule();
  }

  void fail(Throwable cause) {
    queue.clear();
    ended = true;
    endDelivered = true;
    context.runOnContext(v -> {
      if (exceptionHandler != null) {
        exceptionHandler.handle(cause);
      }
    });
  }

  @Override
  public FakeEventStream exceptionHandler(Handler<Throwable> handler) {
    exceptionHandler = handler;
    return this;
  }

  @Override
  public FakeEventStream handler(Handler<ExecEvent> handler) {
    this.handler = handler;
    schedule();
    return this;
  }

  @Override
  public FakeEventStream pause() {
    pauses++;
    demand = 0;
    return this;
  }

  @Override
  public FakeEventStream resume() {
    demand = Long.MAX_VALUE;
    schedule();
    return this;
  }

  @Override
  public FakeEventStream fetch(long amount) {
    demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
    schedule();
    return this;
  }

  @Override
  public FakeEventStream endHandler(Handler<Void> handler) {
    endHandler = handler;
    schedule();
    return this;
  }

  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        drain();
      });
    }
  }

  private void drain() {
    while (handler != null && demand > 0 && !queue.isEmpty()) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(queue.poll());
    }
    if (ended && queue.isEmpty() && !endDelivered && endHandler != null) {
      endDelivered = true;
      endHandler.handle(null);
    }
  }
}

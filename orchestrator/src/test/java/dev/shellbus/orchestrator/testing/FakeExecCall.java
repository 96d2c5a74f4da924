package dev.shellbus.orchestrator.testing;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecEvent;
import dev.shellbus.orchestrator.gateway.ExecLimit;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.function.Consumer;

/** One exec of the {@link FakeGateway}: scripted output, exit, a stdin sink, cancel. */
public final class FakeExecCall implements ExecCall {
  final ExecSpec spec;
  final boolean interactive;
  private final ExecLimit limit;
  private final FakeEventStream events;
  private final Promise<Integer> exit = Promise.promise();
  private final Stdin stdin;
  private volatile boolean cancelled;

  FakeExecCall(Context context, ExecSpec spec, ExecLimit limit, boolean interactive, Consumer<Buffer> onStdinEnd) {
    this.spec = spec;
    this.limit = limit;
    this.interactive = interactive;
    this.events = new FakeEventStream(context);
    this.stdin = new Stdin(interactive, onStdinEnd);
  }

  public ExecSpec spec() {
    return spec;
  }

  public boolean cancelled() {
    return cancelled;
  }

  /** How often the consumer paused the event stream. */
  public int pauses() {
    return events.pauses;
  }

  public void stdout(Buffer data) {
    events.emit(new ExecEvent.Stdout(data));
  }

  public void stderr(Buffer data) {
    events.emit(new ExecEvent.Stderr(data));
  }

  public void exit(int code) {
    if (exit.future().isComplete()) {
      return;
    }
    events.emit(new ExecEvent.Exit(code));
    events.end();
    exit.tryComplete(code);
  }

  /** Ends the stream without an exit event, as a dropped relay does. */
  public void breakStream() {
    events.end();
    exit.tryFail(new ShellbusException(FailureCode.EXEC_INTERRUPTED, "exec stream ended without an exit status"));
  }

  /** Answers SANDBOX_NOT_READY on the stream instead of running. */
  void notReady() {
    events.end();
    exit.tryFail(new ShellbusException(FailureCode.SANDBOX_NOT_READY, "sandbox is not ready"));
  }

  @Override
  public ExecLimit limit() {
    return limit;
  }

  @Override
  public ReadStream<ExecEvent> events() {
    return events;
  }

  @Override
  public WriteStream<Buffer> stdin() {
    return stdin;
  }

  @Override
  public Future<Integer> exit() {
    return exit.future();
  }

  @Override
  public void cancel() {
    cancelled = true;
    if (!exit.future().isComplete()) {
      events.end();
      exit.tryFail(new ShellbusException(FailureCode.CANCELLED, "exec cancelled"));
    }
  }

  boolean done() {
    return exit.future().isComplete();
  }

  /** Collects interactive stdin and hands it over at EOF. */
  private final class Stdin implements WriteStream<Buffer> {
    private final boolean open;
    private final Consumer<Buffer> onEnd;
    private final Buffer received = Buffer.buffer();
    private boolean ended;

    Stdin(boolean open, Consumer<Buffer> onEnd) {
      this.open = open;
      this.onEnd = onEnd;
      this.ended = !open;
    }

    @Override
    public Stdin exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (ended || cancelled || exit.future().isComplete()) {
        return Future.failedFuture(new IllegalStateException("stdin closed"));
      }
      if (data.length() >= 1024 * 1024) {
        return Future.failedFuture(new IllegalArgumentException("stdin frame of " + data.length() + " bytes"));
      }
      received.appendBuffer(data);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      if (!ended && open) {
        ended = true;
        onEnd.accept(received);
      }
      return Future.succeededFuture();
    }

    @Override
    public Stdin setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public Stdin drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}

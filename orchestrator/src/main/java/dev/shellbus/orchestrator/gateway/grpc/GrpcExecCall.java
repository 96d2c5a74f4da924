package dev.shellbus.orchestrator.gateway.grpc;

import com.google.protobuf.ByteString;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecEvent;
import dev.shellbus.orchestrator.gateway.ExecLimit;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exec over gRPC. Its events stream is the gRPC response with real flow control: the response
 * stays paused until a handler is set, and {@code pause()}, {@code resume()} and {@code fetch()} go
 * straight to the HTTP/2 stream, so a paused consumer stops the gateway. The exit event is the last
 * one; {@link #exit()} completes when it is delivered. A stream that ends without one, or fails, fails
 * {@link #exit()} and the events stream with the mapped error; exit 124 is an ordinary exit here, and the
 * {@link ExecLimit} the call was sent with ({@link #limit()}) says which limit it reports.
 */
final class GrpcExecCall implements ExecCall {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcExecCall.class);

  private final String rpc;
  private final Deadline deadline;
  private final ExecLimit limit;
  private final CallGuard guard;
  private final WriteStream<Buffer> stdin;
  private final Promise<Integer> exit = Promise.promise();
  private final Events events = new Events();
  private boolean cancelled;
  private boolean over;
  private Integer exitCode;

  GrpcExecCall(String rpc, Deadline deadline, ExecLimit limit, CallGuard guard,
      GrpcClientRequest<?, ExecSandboxEvent> request, WriteStream<Buffer> stdin) {
    this.rpc = rpc;
    this.deadline = deadline;
    this.limit = limit;
    this.guard = guard;
    this.stdin = stdin;
    request.exceptionHandler(this::fail);
  }

  /** Connects the response; it arrives paused and is resumed once a consumer wants events. */
  void attach(GrpcClientResponse<?, ExecSandboxEvent> response) {
    response.pause();
    GrpcStatus status = response.status();
    if (status != null && status != GrpcStatus.OK) {
      fail(GrpcStatusMapper.fromStatus(rpc, status, GrpcCalls.message(response), false, deadline));
      return;
    }
    response.handler(this::onMessage);
    response.endHandler(v -> onEnd(response));
    response.exceptionHandler(this::fail);
    response.errorHandler(error -> fail(new GrpcErrorException(error, error.status)));
    events.attach(response);
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
  public ExecLimit limit() {
    return limit;
  }

  @Override
  public void cancel() {
    if (over) {
      return;
    }
    cancelled = true;
    guard.cancelRequest();
    fail(GrpcStatusMapper.cancelledByCaller(rpc));
  }

  private void onMessage(ExecSandboxEvent message) {
    ExecEvent event = switch (message.getPayloadCase()) {
      case STDOUT -> new ExecEvent.Stdout(view(message.getStdout().getData()));
      case STDERR -> new ExecEvent.Stderr(view(message.getStderr().getData()));
      case EXIT -> new ExecEvent.Exit(message.getExit().getExitCode());
      default -> null;
    };
    if (event == null || exitCode != null) {
      return;
    }
    events.deliver(event);
    if (event instanceof ExecEvent.Exit e) {
      exitCode = e.code();
      exit.tryComplete(e.code());
    }
  }

  private void onEnd(GrpcClientResponse<?, ExecSandboxEvent> response) {
    GrpcStatus status = response.status();
    if (status != null && status != GrpcStatus.OK) {
      fail(GrpcStatusMapper.fromStatus(rpc, status, GrpcCalls.message(response), true, deadline));
    } else if (exitCode == null) {
      fail(GrpcStatusMapper.endedWithoutExit(rpc));
    } else if (!over) {
      over = true;
      guard.finish();
      events.end();
    }
  }

  /** Ends the call with a failure (mapped once); later failures are ignored. */
  void fail(Throwable failure) {
    if (over) {
      return;
    }
    over = true;
    guard.finish();
    if (exitCode != null) {
      LOG.debug("{} failed after its exit event: {}", rpc, failure.toString());
      events.end();
      return;
    }
    ShellbusException mapped = guard.fired() ? GrpcStatusMapper.ownDeadline(rpc)
        : cancelled ? GrpcStatusMapper.cancelledByCaller(rpc)
        : GrpcStatusMapper.fromThrowable(rpc, failure, true, deadline);
    exit.tryFail(mapped);
    if (stdin instanceof StdinFrames frames) {
      frames.failed(mapped);
    }
    events.fail(mapped);
  }

  /**
   * The output bytes as a read-only Vert.x buffer over the message's own bytes, without a copy. The
   * copy ({@code toByteArray()}, then {@code Buffer.buffer(byte[])} copies again) was two of the
   * byte copies the artifact profile found on the receive path. {@code ByteString} is immutable, so
   * the view is safe to keep; Vert.x 5 offers a buffer over a Netty buffer only in its internal
   * package ({@link BufferInternal#buffer(io.netty.buffer.ByteBuf)}).
   */
  static Buffer view(ByteString bytes) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes.asReadOnlyByteBuffer()));
  }

  /** The consumer's view of the response, with demand passed through to the gRPC stream. */
  private static final class Events implements ReadStream<ExecEvent> {
    private GrpcClientResponse<?, ExecSandboxEvent> upstream;
    private Handler<ExecEvent> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private boolean paused;
    private long pendingFetch;
    private boolean ended;
    private Throwable failure;

    void attach(GrpcClientResponse<?, ExecSandboxEvent> response) {
      upstream = response;
      if (pendingFetch > 0) {
        upstream.fetch(pendingFetch);
        pendingFetch = 0;
      }
      if (handler != null && !paused) {
        upstream.resume();
      }
    }

    void deliver(ExecEvent event) {
      Handler<ExecEvent> h = handler;
      if (h != null) {
        h.handle(event);
      }
    }

    void end() {
      ended = true;
      Handler<Void> h = endHandler;
      if (h != null) {
        h.handle(null);
      }
    }

    void fail(Throwable value) {
      failure = value;
      Handler<Throwable> h = exceptionHandler;
      if (h != null) {
        h.handle(value);
      }
    }

    @Override
    public Events exceptionHandler(Handler<Throwable> h) {
      exceptionHandler = h;
      if (h != null && failure != null) {
        h.handle(failure);
      }
      return this;
    }

    @Override
    public Events handler(Handler<ExecEvent> h) {
      handler = h;
      if (h != null && !paused && upstream != null) {
        upstream.resume();
      }
      return this;
    }

    @Override
    public Events pause() {
      paused = true;
      if (upstream != null) {
        upstream.pause();
      }
      return this;
    }

    @Override
    public Events resume() {
      paused = false;
      if (upstream != null && handler != null) {
        upstream.resume();
      }
      return this;
    }

    @Override
    public Events fetch(long amount) {
      if (upstream != null) {
        upstream.fetch(amount);
      } else {
        pendingFetch += amount;
      }
      return this;
    }

    @Override
    public Events endHandler(Handler<Void> h) {
      endHandler = h;
      if (h != null && ended) {
        h.handle(null);
      }
      return this;
    }
  }
}

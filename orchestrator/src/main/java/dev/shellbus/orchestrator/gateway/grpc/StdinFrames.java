package dev.shellbus.orchestrator.gateway.grpc;

import com.google.protobuf.UnsafeByteOperations;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClientRequest;

/**
 * The stdin of an interactive exec: each written buffer goes out as {@code stdin} frames of at most
 * {@link #FRAME_BYTES}, with the gRPC request's own flow control ({@code writeQueueFull} and {@code
 * drainHandler} are the request's), and {@link #end()} half-closes the call, which the gateway turns
 * into EOF on the command's stdin.
 */
final class StdinFrames implements WriteStream<Buffer> {
  /**
   * The largest stdin frame: 255 KiB. The contract allows 256 KiB of data per frame; keeping 1 KiB
   * below leaves room for the frame's own encoding under a 256 KiB message cap (the Vert.x default).
   */
  static final int FRAME_BYTES = 255 * 1024;

  private final GrpcClientRequest<ExecSandboxInput, ?> request;
  private Handler<Throwable> exceptionHandler;

  StdinFrames(GrpcClientRequest<ExecSandboxInput, ?> request) {
    this.request = request;
  }

  @Override
  public Future<Void> write(Buffer data) {
    Future<Void> last = Future.succeededFuture();
    for (int from = 0; from < data.length(); from += FRAME_BYTES) {
      int to = Math.min(data.length(), from + FRAME_BYTES);
      last = request.write(ExecSandboxInput.newBuilder().setStdin(UnsafeByteOperations.unsafeWrap(data.getBytes(from, to))).build());
    }
    return last;
  }

  @Override
  public Future<Void> end() {
    return request.end();
  }

  @Override
  public boolean writeQueueFull() {
    return request.writeQueueFull();
  }

  @Override
  public StdinFrames drainHandler(Handler<Void> handler) {
    request.drainHandler(handler);
    return this;
  }

  @Override
  public StdinFrames setWriteQueueMaxSize(int maxSize) {
    request.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public StdinFrames exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  /** Tells the stdin writer that the call failed. */
  void failed(Throwable failure) {
    Handler<Throwable> h = exceptionHandler;
    if (h != null) {
      h.handle(failure);
    }
  }

  /** The stdin of a non-interactive exec: already sent with the request, so writes fail. */
  static final class Closed implements WriteStream<Buffer> {
    @Override
    public Future<Void> write(Buffer data) {
      return Future.failedFuture(new IllegalStateException("stdin of a non-interactive exec was sent with the request"));
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public Closed drainHandler(Handler<Void> handler) {
      return this;
    }

    @Override
    public Closed setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public Closed exceptionHandler(Handler<Throwable> handler) {
      return this;
    }
  }
}

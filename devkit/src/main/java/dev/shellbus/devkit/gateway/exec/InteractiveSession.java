package dev.shellbus.devkit.gateway.exec;

import com.google.protobuf.ByteString;
import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.Optional;

/**
 * The inbound side of one ExecSandboxInteractive call: the {@code start} frame opens the exec, {@code stdin} frames
 * feed it with backpressure, and the client's half-close becomes EOF on the command's stdin.
 *
 * <p>The request stream is paused while the process starts and whenever the command's stdin backlog is full, so a fast
 * uploader is held back by HTTP/2 flow control instead of gateway memory. {@code resize} frames are ignored: there is
 * no PTY. Later {@code start} frames are ignored too. Used on the call's context.
 */
final class InteractiveSession {

  /** Opens an exec for a start frame, or fails the call and answers empty. */
  @FunctionalInterface
  interface Opener {
    Optional<RunningExec> open(ExecSandboxRequest request, long size);
  }

  private final GrpcServerRequest<ExecSandboxInput, ExecSandboxEvent> call;
  private final EventSink sink;
  private final CallBinding binding;
  private final Opener opener;
  private boolean first = true;
  private RunningExec run;

  InteractiveSession(GrpcServerRequest<ExecSandboxInput, ExecSandboxEvent> call, EventSink sink, CallBinding binding,
      Opener opener) {
    this.call = call;
    this.sink = sink;
    this.binding = binding;
    this.opener = opener;
  }

  void bind() {
    call.handler(this::frame);
    call.endHandler(v -> halfClosed());
  }

  private void frame(ExecSandboxInput input) {
    if (first) {
      first = false;
      start(input);
      return;
    }
    if (run == null) {
      return;
    }
    if (input.getSerializedSize() > ExecRequests.MAX_REQUEST_BYTES) {
      sink.fail(ExecRequests.tooLarge(input.getSerializedSize()));
      run.abort(RunningExec.Abort.CANCELLED);
      return;
    }
    if (input.hasStdin()) {
      stdin(input.getStdin());
    }
  }

  private void start(ExecSandboxInput input) {
    if (!input.hasStart()) {
      sink.fail(GatewayException.invalid("the first ExecSandboxInput message must be start"));
      return;
    }
    call.pause();
    run = opener.open(input.getStart(), input.getSerializedSize()).orElse(null);
    if (run == null) {
      return;
    }
    binding.attach(run);
    run.start(ByteString.EMPTY, true, call::resume);
  }

  private void stdin(ByteString data) {
    if (!run.writeStdin(data)) {
      call.pause();
      run.whenStdinDrained(call::resume);
    }
  }

  private void halfClosed() {
    if (first) {
      sink.fail(GatewayException.invalid("the first ExecSandboxInput message must be start"));
    } else if (run != null) {
      run.closeStdin();
    }
  }
}

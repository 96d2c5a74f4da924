package dev.shellbus.devkit.gateway.exec;

import dev.shellbus.gateway.v1.ExecSandboxEvent;
import io.vertx.grpc.server.GrpcServerRequest;

/**
 * Ties one gRPC call to its exec so that a client that goes away (cancel, deadline, reset, closed connection) stops
 * the output and kills the command, whether the exec has started yet or not. Used on the call's context.
 */
final class CallBinding {

  private final EventSink sink;
  private RunningExec run;
  private boolean gone;

  private CallBinding(EventSink sink) {
    this.sink = sink;
  }

  /** Watches {@code call} for the client going away. */
  static CallBinding bind(GrpcServerRequest<?, ExecSandboxEvent> call, EventSink sink) {
    CallBinding binding = new CallBinding(sink);
    call.errorHandler(error -> binding.clientGone());
    call.exceptionHandler(error -> binding.clientGone());
    call.response().exceptionHandler(error -> binding.clientGone());
    return binding;
  }

  /** Attaches the exec once it exists; a client already gone aborts it at once. */
  void attach(RunningExec exec) {
    run = exec;
    if (gone) {
      exec.abort(RunningExec.Abort.CANCELLED);
    }
  }

  private void clientGone() {
    gone = true;
    sink.cancelled();
    if (run != null) {
      run.abort(RunningExec.Abort.CANCELLED);
    }
  }
}

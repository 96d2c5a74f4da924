package dev.shellbus.devkit.gateway;

import io.vertx.grpc.common.GrpcStatus;

/** A call that ended with a non-OK gRPC status, as the test client sees it. */
final class RpcFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient GrpcStatus status;

  RpcFailure(GrpcStatus status, String message) {
    super(status + ": " + message);
    this.status = status;
  }

  GrpcStatus status() {
    return status;
  }

  /** Returns the status message the server sent. */
  String statusMessage() {
    String text = getMessage();
    return text.substring(text.indexOf(": ") + 2);
  }
}

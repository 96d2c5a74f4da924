package dev.shellbus.devkit.conformance;

import io.vertx.grpc.common.GrpcStatus;

/** A call the gateway answered with a non-OK gRPC status; carries the status and its message as the client saw them. */
final class RpcStatusException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient GrpcStatus status;
  private final String statusMessage;

  RpcStatusException(String rpc, GrpcStatus status, String statusMessage) {
    super(rpc + " answered " + status.name() + (statusMessage == null ? "" : ": " + statusMessage));
    this.status = status;
    this.statusMessage = statusMessage;
  }

  GrpcStatus status() {
    return status;
  }

  /** Returns the status message, or {@code null} when the gateway sent none. */
  String statusMessage() {
    return statusMessage;
  }
}

package dev.shellbus.devkit.gateway;

import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.Objects;

/**
 * A failure the dev gateway answers with a specific gRPC status and message, like the real OpenShell gateway does.
 *
 * <p>Every RPC of the dev gateway, including the exec RPCs, reports its errors through {@link #fail}, which is the one
 * place that turns a Java failure into a gRPC status: a {@code GatewayException} keeps its status and message, and any
 * other throwable becomes {@code INTERNAL}.
 */
public final class GatewayException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient GrpcStatus status;

  /**
   * Creates a failure that answers with the given status and message.
   *
   * @param status the gRPC status to answer with; never {@code OK}
   * @param message the status message the client sees
   */
  public GatewayException(GrpcStatus status, String message) {
    super(message);
    this.status = Objects.requireNonNull(status, "status");
    if (status == GrpcStatus.OK) {
      throw new IllegalArgumentException("a GatewayException cannot carry OK");
    }
  }

  /** Returns the gRPC status this failure answers with. */
  public GrpcStatus status() {
    return status;
  }

  /** Shorthand for {@code new GatewayException(INVALID_ARGUMENT, message)}. */
  public static GatewayException invalid(String message) {
    return new GatewayException(GrpcStatus.INVALID_ARGUMENT, message);
  }

  /** Shorthand for {@code new GatewayException(NOT_FOUND, message)}. */
  public static GatewayException notFound(String message) {
    return new GatewayException(GrpcStatus.NOT_FOUND, message);
  }

  /** Shorthand for {@code new GatewayException(FAILED_PRECONDITION, message)}. */
  public static GatewayException precondition(String message) {
    return new GatewayException(GrpcStatus.FAILED_PRECONDITION, message);
  }

  /**
   * Returns the gRPC status that answers the given failure: its own for a {@code GatewayException}, the wrapped one
   * for a Vert.x {@code StatusException}, and {@code INTERNAL} for anything else.
   */
  public static GrpcStatus statusOf(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof GatewayException gateway) {
      return gateway.status();
    }
    if (cause instanceof io.vertx.grpc.server.StatusException statusException) {
      return statusException.status();
    }
    return GrpcStatus.INTERNAL;
  }

  /** Returns the status message that answers the given failure. */
  public static String messageOf(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof GatewayException) {
      return cause.getMessage();
    }
    if (cause instanceof io.vertx.grpc.server.StatusException statusException) {
      return statusException.message();
    }
    String detail = cause.getMessage();
    return detail == null ? cause.getClass().getSimpleName() : detail;
  }

  /**
   * Ends the call with the status and message that answer {@code error}, unless the response has already ended.
   *
   * @param response the response of the call to fail
   * @param error the failure; a {@code GatewayException} keeps its status, anything else answers {@code INTERNAL}
   */
  public static void fail(GrpcServerResponse<?, ?> response, Throwable error) {
    GrpcStatus status = statusOf(error);
    String message = messageOf(error);
    try {
      response.status(status).statusMessage(message).end();
    } catch (IllegalStateException alreadyEnded) {
      // The stream already ended (client cancelled or the call completed); there is nobody left to tell.
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = Objects.requireNonNull(error, "error");
    while ((current instanceof java.util.concurrent.CompletionException
            || current instanceof java.util.concurrent.ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}

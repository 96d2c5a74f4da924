package dev.shellbus.orchestrator.gateway;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import java.util.Objects;

/**
 * A failure of a call to the OpenShell gateway. Besides our own {@link #code()} it keeps the gRPC
 * status name the gateway (or the transport) answered, as a plain string so that no gRPC type leaks
 * out of the adapter, and the name of the RPC that failed. Only the adapter's status mapper creates
 * these, so the rule of which status means which code lives in one place.
 */
public final class GatewayException extends ShellbusException {
  private static final long serialVersionUID = 1L;

  private final String status;
  private final String rpc;

  /**
   * Creates a gateway failure.
   *
   * @param code what the failure means to the engine
   * @param status the gRPC status name, for example {@code UNAVAILABLE}
   * @param rpc the RPC that failed, for example {@code ExecSandbox}
   * @param message a human-readable message without secrets
   * @param cause the underlying exception, when there is one
   */
  public GatewayException(
      FailureCode code, String status, String rpc, String message, Throwable cause) {
    super(code, message, cause);
    this.status = Objects.requireNonNull(status, "status");
    this.rpc = Objects.requireNonNull(rpc, "rpc");
  }

  /** The gRPC status name the failure came with ({@code UNAVAILABLE} for transport failures). */
  public String status() {
    return status;
  }

  /** The RPC that failed. */
  public String rpc() {
    return rpc;
  }
}

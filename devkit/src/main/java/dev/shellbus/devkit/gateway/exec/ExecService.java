package dev.shellbus.devkit.gateway.exec;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.Objects;

/**
 * Serves ExecSandbox and ExecSandboxInteractive for the dev gateway (seam placeholder; the engine lands next).
 */
public final class ExecService {

  private final Vertx vertx;
  private final ExecTargets targets;
  private final ExecOptions options;

  /**
   * Creates the exec engine.
   *
   * @param vertx the Vert.x instance whose contexts the calls run on
   * @param targets looks sandboxes up by UUID
   * @param options isolation, limits, simulation and faults
   */
  public ExecService(Vertx vertx, ExecTargets targets, ExecOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Serves one ExecSandbox call. */
  public void execSandbox(GrpcServerRequest<ExecSandboxRequest, ExecSandboxEvent> call) {
    GatewayException.fail(call.response(), new GatewayException(GrpcStatus.UNIMPLEMENTED, "exec not ready yet"));
  }

  /** Serves one ExecSandboxInteractive call. */
  public void execSandboxInteractive(GrpcServerRequest<ExecSandboxInput, ExecSandboxEvent> call) {
    GatewayException.fail(call.response(), new GatewayException(GrpcStatus.UNIMPLEMENTED, "exec not ready yet"));
  }

  /** Kills every process running for the given sandbox. */
  public void onDeleted(String sandboxId) {
    Objects.requireNonNull(sandboxId, "sandboxId");
  }

  /** Kills every running process. */
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  ExecTargets targets() {
    return targets;
  }

  ExecOptions options() {
    return options;
  }
}

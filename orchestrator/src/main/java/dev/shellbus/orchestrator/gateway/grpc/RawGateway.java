package dev.shellbus.orchestrator.gateway.grpc;

import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.orchestrator.Deadline;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.ServiceMethod;

/**
 * The lower layer, for the rare call the curated {@link dev.shellbus.orchestrator.gateway.GatewayClient}
 * does not cover (as OpenShell's Rust SDK keeps its raw tonic client reachable). {@link #call} runs any
 * unary RPC of the generated stubs with the same bearer token, deadline and status mapping as the
 * curated client; {@link #stub()} is the generated Vert.x client itself, which sends neither token nor
 * deadline. Only code inside this adapter package (or outside the orchestrator) should use proto types.
 */
public final class RawGateway {
  private final GrpcCalls calls;
  private final GrpcClient client;
  private final SocketAddress address;

  RawGateway(GrpcCalls calls, GrpcClient client, SocketAddress address) {
    this.calls = calls;
    this.client = client;
    this.address = address;
  }

  /**
   * One unary RPC with token, deadline and mapped errors, for example {@code
   * raw.call(OpenShellGrpcClient.GetSandboxLogs, request, deadline)}.
   */
  public <Req, Resp> Future<Resp> call(ServiceMethod<Resp, Req> method, Req request, Deadline deadline) {
    return calls.unary(method, request, deadline);
  }

  /** The generated client over the same connection (no token, no deadline, raw Vert.x errors). */
  public OpenShellGrpcClient stub() {
    return OpenShellGrpcClient.create(client, address);
  }

  /** The underlying Vert.x gRPC client. */
  public GrpcClient grpcClient() {
    return client;
  }

  /** The gateway address requests go to. */
  public SocketAddress address() {
    return address;
  }
}

package dev.shellbus.orchestrator.gateway.grpc;

import dev.shellbus.gateway.v1.AttachSandboxProviderRequest;
import dev.shellbus.gateway.v1.DeleteSandboxRequest;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.GetCurrentUserRequest;
import dev.shellbus.gateway.v1.GetSandboxRequest;
import dev.shellbus.gateway.v1.HealthRequest;
import dev.shellbus.gateway.v1.ListSandboxesRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.ServiceStatus;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecLimit;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.GatewayException;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.gateway.auth.TokenSource;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link GatewayClient} port over the generated Vert.x gRPC stubs of {@code openshell.v1.OpenShell}.
 * Proto types stay inside this package; errors go through {@link GrpcStatusMapper}; every call sends
 * the remaining budget as its gRPC deadline and enforces it locally. For an exec, {@link
 * ExecLimit#decide} sets {@code timeout_seconds} from the caller's timeout and the budget, and the
 * gRPC deadline is that plus 10 s, capped by the budget ({@link ExecLimit#callDeadline}); the call
 * reports that limit. {@link #raw()} reaches the stubs for anything the port does not cover.
 */
public final class GrpcGatewayClient implements GatewayClient {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcGatewayClient.class);
  /** Page size for ListSandboxes (the gateway's maximum). */
  static final int PAGE = 1000;
  /** The gateway rejects any request message larger than this (1 MiB). */
  static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final GrpcTransport transport;
  private final GrpcCalls calls;

  private GrpcGatewayClient(Vertx vertx, GrpcTransport transport, Optional<TokenSource> tokens) {
    this.vertx = vertx;
    this.transport = transport;
    this.calls = new GrpcCalls(vertx, transport.client(), transport.address(), tokens);
  }

  /**
   * Builds a client for the connection (reading PEM files asynchronously). The token source, when
   * given, supplies an OIDC bearer token for every call; it is not closed by {@link #close()}.
   */
  public static Future<GrpcGatewayClient> connect(Vertx vertx, GatewayConnection connection, Optional<TokenSource> tokens) {
    return GrpcTransport.connect(vertx, connection).map(transport -> {
      LOG.info("gateway client for {} (bearer token: {})", connection, tokens.isPresent() ? "yes" : "no");
      return new GrpcGatewayClient(vertx, transport, tokens);
    });
  }

  /** The raw layer: generated stubs and any unary RPC with token, deadline and mapped errors. */
  public RawGateway raw() {
    return new RawGateway(calls, transport.client(), transport.address());
  }

  @Override
  public Future<Void> health(Deadline deadline) {
    return calls.unary(OpenShellGrpcClient.Health, HealthRequest.getDefaultInstance(), deadline).compose(resp ->
        resp.getStatus() == ServiceStatus.SERVICE_STATUS_UNHEALTHY
            ? Future.failedFuture(new GatewayException(FailureCode.GATEWAY_UNAVAILABLE, "OK", "Health", "gateway reports UNHEALTHY", null))
            : Future.succeededFuture());
  }

  @Override
  public Future<String> currentUser(Deadline deadline) {
    return calls.unary(OpenShellGrpcClient.GetCurrentUser, GetCurrentUserRequest.getDefaultInstance(), deadline)
        .map(resp -> resp.getSubject());
  }

  @Override
  public Future<SandboxInfo> create(SandboxCreateSpec spec, Deadline deadline) {
    try {
      return calls.unary(OpenShellGrpcClient.CreateSandbox, ProtoMapping.createRequest(spec), deadline)
          .map(resp -> ProtoMapping.toInfo(resp.getSandbox()));
    } catch (ShellbusException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<SandboxInfo> get(String workspace, String name, Deadline deadline) {
    GetSandboxRequest request = GetSandboxRequest.newBuilder().setName(name).setWorkspace(orEmpty(workspace)).build();
    return calls.unary(OpenShellGrpcClient.GetSandbox, request, deadline).map(resp -> ProtoMapping.toInfo(resp.getSandbox()));
  }

  @Override
  public Future<List<SandboxInfo>> list(String workspace, Map<String, String> labelSelector, Deadline deadline) {
    ListSandboxesRequest first = ListSandboxesRequest.newBuilder()
        .setLimit(PAGE).setOffset(0).setWorkspace(orEmpty(workspace)).setLabelSelector(ProtoMapping.labelSelector(labelSelector)).build();
    return page(first, new ArrayList<>(), deadline);
  }

  private Future<List<SandboxInfo>> page(ListSandboxesRequest request, List<SandboxInfo> acc, Deadline deadline) {
    return calls.unary(OpenShellGrpcClient.ListSandboxes, request, deadline).compose(resp -> {
      resp.getSandboxesList().forEach(s -> acc.add(ProtoMapping.toInfo(s)));
      if (resp.getSandboxesCount() < request.getLimit()) {
        return Future.succeededFuture(List.copyOf(acc));
      }
      return page(request.toBuilder().setOffset(request.getOffset() + resp.getSandboxesCount()).build(), acc, deadline);
    });
  }

  @Override
  public Future<Boolean> delete(String workspace, String name, Deadline deadline) {
    DeleteSandboxRequest request = DeleteSandboxRequest.newBuilder().setName(name).setWorkspace(orEmpty(workspace)).build();
    return calls.unary(OpenShellGrpcClient.DeleteSandbox, request, deadline)
        .map(resp -> resp.getDeleted())
        .recover(e -> e instanceof ShellbusException se && se.code() == FailureCode.NOT_FOUND
            ? Future.succeededFuture(false)
            : Future.failedFuture(e));
  }

  @Override
  public Future<SandboxInfo> awaitReady(SandboxHandle sandbox, Deadline deadline) {
    return new ReadyWaiter(vertx, calls, sandbox, deadline).await();
  }

  @Override
  public Future<ExecCall> exec(SandboxHandle sandbox, ExecSpec spec, Deadline deadline) {
    String rpc = "ExecSandbox";
    ExecLimit limit = ExecLimit.decide(spec.timeoutSeconds(), deadline.remaining());
    ExecSandboxRequest request = ProtoMapping.execRequest(sandbox, spec, limit.timeoutSeconds(), true);
    if (request.getSerializedSize() > MAX_REQUEST_BYTES) {
      return Future.failedFuture(new ShellbusException(FailureCode.PAYLOAD_TOO_LARGE,
          rpc + " request is " + request.getSerializedSize() + " bytes; the gateway takes at most 1 MiB (use an interactive exec for large stdin)"));
    }
    Deadline callDeadline = limit.callDeadline(deadline);
    return calls.serverStream(AliasingDecoder.EXEC, request, callDeadline).map(stream -> {
      GrpcExecCall call = new GrpcExecCall(rpc, callDeadline, limit, stream.guard(), stream.request(),
          new StdinFrames.Closed());
      stream.guard().onExpire(v -> call.fail(GrpcStatusMapper.execDeadline(rpc, limit, deadline)));
      call.attach(stream.response());
      return call;
    });
  }

  @Override
  public Future<ExecCall> execInteractive(SandboxHandle sandbox, ExecSpec spec, Deadline deadline) {
    String rpc = "ExecSandboxInteractive";
    ExecLimit limit = ExecLimit.decide(spec.timeoutSeconds(), deadline.remaining());
    ExecSandboxRequest start = ProtoMapping.execRequest(sandbox, spec, limit.timeoutSeconds(), false);
    Deadline callDeadline = limit.callDeadline(deadline);
    Promise<Void> expired = Promise.promise();
    return calls.<ExecSandboxInput, ExecSandboxEvent>bidi(AliasingDecoder.EXEC_INTERACTIVE, callDeadline, expired).map(open -> {
      StdinFrames stdin = new StdinFrames(open.request());
      GrpcExecCall call = new GrpcExecCall(rpc, callDeadline, limit, open.guard(), open.request(), stdin);
      expired.future().onFailure(f -> call.fail(GrpcStatusMapper.execDeadline(rpc, limit, deadline)));
      open.request().write(ExecSandboxInput.newBuilder().setStart(start).build());
      if (spec.stdin().length > 0) {
        stdin.write(Buffer.buffer(spec.stdin()));
      }
      open.request().response().onComplete(ar -> {
        if (ar.succeeded()) {
          call.attach(ar.result());
        } else {
          call.fail(ar.cause());
        }
      });
      return call;
    });
  }

  @Override
  public Future<Void> attachProvider(SandboxHandle sandbox, String provider, Deadline deadline) {
    AttachSandboxProviderRequest request = AttachSandboxProviderRequest.newBuilder()
        .setSandboxName(sandbox.name()).setProviderName(provider).setWorkspace(sandbox.workspace()).build();
    return calls.unary(OpenShellGrpcClient.AttachSandboxProvider, request, deadline).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return transport.client().close();
  }

  private static String orEmpty(String workspace) {
    return workspace == null ? "" : workspace;
  }
}

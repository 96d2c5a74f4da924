package dev.shellbus.devkit.gateway.rpc;

import static dev.shellbus.devkit.gateway.rpc.RpcGuard.Access.PUBLIC;
import static dev.shellbus.devkit.gateway.rpc.RpcGuard.Access.READ;
import static dev.shellbus.devkit.gateway.rpc.RpcGuard.Access.WRITE;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.devkit.gateway.exec.ExecService;
import dev.shellbus.devkit.gateway.service.ProviderService;
import dev.shellbus.devkit.gateway.service.SandboxService;
import dev.shellbus.devkit.gateway.store.LogFilter;
import dev.shellbus.devkit.gateway.store.SandboxLogs;
import dev.shellbus.devkit.gateway.store.SandboxStore;
import dev.shellbus.devkit.gateway.validate.SpecValidator;
import dev.shellbus.gateway.v1.AttachSandboxProviderResponse;
import dev.shellbus.gateway.v1.ComputeDriverCapabilities;
import dev.shellbus.gateway.v1.ComputeDriverInfo;
import dev.shellbus.gateway.v1.DeleteSandboxResponse;
import dev.shellbus.gateway.v1.DetachSandboxProviderResponse;
import dev.shellbus.gateway.v1.GetCurrentUserResponse;
import dev.shellbus.gateway.v1.GetGatewayInfoResponse;
import dev.shellbus.gateway.v1.GetSandboxLogsRequest;
import dev.shellbus.gateway.v1.GetSandboxLogsResponse;
import dev.shellbus.gateway.v1.HealthResponse;
import dev.shellbus.gateway.v1.ListProvidersResponse;
import dev.shellbus.gateway.v1.ListSandboxProvidersResponse;
import dev.shellbus.gateway.v1.ListSandboxesResponse;
import dev.shellbus.gateway.v1.OpenShellGrpcService;
import dev.shellbus.gateway.v1.ProviderResponse;
import dev.shellbus.gateway.v1.SandboxLogLine;
import dev.shellbus.gateway.v1.SandboxResponse;
import dev.shellbus.gateway.v1.ServiceStatus;
import io.vertx.core.Future;
import io.vertx.grpc.server.GrpcServer;
import java.util.List;

/**
 * Binds every RPC of the {@code openshell.v1.OpenShell} service to its implementation, each wrapped by the
 * {@link RpcGuard}. The exec RPCs go to the exec engine; everything else is served here or by the services.
 */
public final class GatewayRoutes {

  /** The dependencies the routes serve from. */
  public record Services(SandboxStore store, SandboxService sandboxes, ProviderService providers, ExecService exec,
      String version, int watchBufferLimit) {}

  private final RpcGuard guard;
  private final Services services;

  /** Creates the routes. */
  public GatewayRoutes(RpcGuard guard, Services services) {
    this.guard = guard;
    this.services = services;
  }

  /** Registers every RPC on {@code server}. */
  public void bind(GrpcServer server) {
    bindInfo(server);
    bindSandboxes(server);
    bindStreams(server);
    bindProviders(server);
  }

  private void bindInfo(GrpcServer server) {
    server.callHandler(OpenShellGrpcService.Health, guard.unary("Health", PUBLIC, (who, req) -> Future.succeededFuture(
        HealthResponse.newBuilder().setStatus(ServiceStatus.SERVICE_STATUS_HEALTHY)
            .setVersion(services.version()).build())));
    server.callHandler(OpenShellGrpcService.GetGatewayInfo, guard.unary("GetGatewayInfo", READ, (who, req) ->
        Future.succeededFuture(GetGatewayInfoResponse.newBuilder()
            .setStatus(ServiceStatus.SERVICE_STATUS_HEALTHY)
            .setGatewayVersion(services.version())
            .addComputeDrivers(ComputeDriverInfo.newBuilder().setName(SpecValidator.DRIVER)
                .setCapabilities(ComputeDriverCapabilities.newBuilder().setDriverName(SpecValidator.DRIVER)
                    .setDriverVersion(services.version())))
            .build())));
    server.callHandler(OpenShellGrpcService.GetCurrentUser, guard.unary("GetCurrentUser", READ, (who, req) ->
        Future.succeededFuture(GetCurrentUserResponse.newBuilder()
            .setSubject(who.subject())
            .setDisplayName(who.subject())
            .addAllRoles(who.roles())
            .setIdentityProvider(who.identityProvider())
            .build())));
  }

  private void bindSandboxes(GrpcServer server) {
    SandboxService sandboxes = services.sandboxes();
    server.callHandler(OpenShellGrpcService.CreateSandbox, guard.unary("CreateSandbox", WRITE, (who, req) ->
        sandboxes.create(req).map(s -> SandboxResponse.newBuilder().setSandbox(s).build())));
    server.callHandler(OpenShellGrpcService.GetSandbox, guard.unary("GetSandbox", READ, (who, req) ->
        Future.succeededFuture(SandboxResponse.newBuilder()
            .setSandbox(sandboxes.get(req.getName(), req.getWorkspace())).build())));
    server.callHandler(OpenShellGrpcService.ListSandboxes, guard.unary("ListSandboxes", READ, (who, req) ->
        Future.succeededFuture(ListSandboxesResponse.newBuilder().addAllSandboxes(sandboxes.list(req)).build())));
    server.callHandler(OpenShellGrpcService.DeleteSandbox, guard.unary("DeleteSandbox", WRITE, (who, req) ->
        Future.succeededFuture(DeleteSandboxResponse.newBuilder()
            .setDeleted(sandboxes.delete(req.getName(), req.getWorkspace())).build())));
    server.callHandler(OpenShellGrpcService.StopSandbox, guard.unary("StopSandbox", WRITE, (who, req) ->
        sandboxes.stop(req.getName(), req.getWorkspace()).map(s -> SandboxResponse.newBuilder().setSandbox(s).build())));
    server.callHandler(OpenShellGrpcService.StartSandbox, guard.unary("StartSandbox", WRITE, (who, req) ->
        Future.succeededFuture(SandboxResponse.newBuilder()
            .setSandbox(sandboxes.start(req.getName(), req.getWorkspace())).build())));
    server.callHandler(OpenShellGrpcService.GetSandboxLogs, guard.unary("GetSandboxLogs", READ, (who, req) ->
        Future.succeededFuture(logs(req))));
  }

  private void bindStreams(GrpcServer server) {
    server.callHandler(OpenShellGrpcService.WatchSandbox, guard.stream("WatchSandbox", READ, (who, call) ->
        call.handler(req -> {
          try {
            SandboxWatch.start(services.store(), call, req, services.watchBufferLimit());
          } catch (RuntimeException error) {
            GatewayException.fail(call.response(), error);
          }
        })));
    server.callHandler(OpenShellGrpcService.ExecSandbox,
        guard.stream("ExecSandbox", WRITE, (who, call) -> services.exec().execSandbox(call)));
    server.callHandler(OpenShellGrpcService.ExecSandboxInteractive,
        guard.stream("ExecSandboxInteractive", WRITE, (who, call) -> services.exec().execSandboxInteractive(call)));
  }

  private void bindProviders(GrpcServer server) {
    ProviderService providers = services.providers();
    server.callHandler(OpenShellGrpcService.ListProviders, guard.unary("ListProviders", READ, (who, req) ->
        Future.succeededFuture(ListProvidersResponse.newBuilder().addAllProviders(providers.list(
            req.getWorkspace(), req.getAllWorkspaces(), req.getLimit(), req.getOffset())).build())));
    server.callHandler(OpenShellGrpcService.GetProvider, guard.unary("GetProvider", READ, (who, req) ->
        Future.succeededFuture(ProviderResponse.newBuilder()
            .setProvider(providers.get(req.getName(), req.getWorkspace())).build())));
    server.callHandler(OpenShellGrpcService.CreateProvider, guard.unary("CreateProvider", WRITE, (who, req) ->
        Future.succeededFuture(ProviderResponse.newBuilder()
            .setProvider(providers.create(req.getProvider(), req.getWorkspace())).build())));
    server.callHandler(OpenShellGrpcService.ListSandboxProviders, guard.unary("ListSandboxProviders", READ,
        (who, req) -> Future.succeededFuture(ListSandboxProvidersResponse.newBuilder()
            .addAllProviders(providers.listForSandbox(req.getSandboxName(), req.getWorkspace())).build())));
    server.callHandler(OpenShellGrpcService.AttachSandboxProvider, guard.unary("AttachSandboxProvider", WRITE,
        (who, req) -> {
          ProviderService.Attachment result = providers.attach(req.getSandboxName(), req.getProviderName(),
              req.getExpectedResourceVersion(), req.getWorkspace());
          return Future.succeededFuture(AttachSandboxProviderResponse.newBuilder()
              .setSandbox(result.sandbox()).setAttached(result.changed()).build());
        }));
    server.callHandler(OpenShellGrpcService.DetachSandboxProvider, guard.unary("DetachSandboxProvider", WRITE,
        (who, req) -> {
          ProviderService.Attachment result = providers.detach(req.getSandboxName(), req.getProviderName(),
              req.getExpectedResourceVersion(), req.getWorkspace());
          return Future.succeededFuture(DetachSandboxProviderResponse.newBuilder()
              .setSandbox(result.sandbox()).setDetached(result.changed()).build());
        }));
  }

  private GetSandboxLogsResponse logs(GetSandboxLogsRequest request) {
    if (request.getSandboxId().isEmpty()) {
      throw GatewayException.invalid("sandbox_id is required");
    }
    SandboxStore store = services.store();
    if (store.find(request.getSandboxId()).isEmpty()) {
      throw GatewayException.notFound("sandbox not found");
    }
    int lines = request.getLines() == 0 ? SandboxLogs.LOG_CAPACITY
        : (int) Math.min(Integer.toUnsignedLong(request.getLines()), SandboxLogs.LOG_CAPACITY);
    List<SandboxLogLine> tail = store.logs().tail(request.getSandboxId(), lines);
    LogFilter filter = LogFilter.of(request.getSinceMs(), request.getSourcesList(), request.getMinLevel());
    return GetSandboxLogsResponse.newBuilder()
        .addAllLogs(tail.stream().filter(filter::test).toList())
        .setBufferTotal(tail.size())
        .build();
  }
}

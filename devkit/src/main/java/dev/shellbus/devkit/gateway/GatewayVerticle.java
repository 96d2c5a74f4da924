package dev.shellbus.devkit.gateway;

import dev.shellbus.devkit.gateway.exec.ExecService;
import dev.shellbus.devkit.gateway.rpc.Authenticator;
import dev.shellbus.devkit.gateway.rpc.GatewayRoutes;
import dev.shellbus.devkit.gateway.rpc.RpcGuard;
import dev.shellbus.devkit.gateway.service.FaultState;
import dev.shellbus.devkit.gateway.service.GatewayJournal;
import dev.shellbus.devkit.gateway.service.Lifecycle;
import dev.shellbus.devkit.gateway.service.ProviderService;
import dev.shellbus.devkit.gateway.service.SandboxService;
import dev.shellbus.devkit.gateway.service.StoreExecTargets;
import dev.shellbus.devkit.gateway.service.Workspaces;
import dev.shellbus.devkit.gateway.store.NameGenerator;
import dev.shellbus.devkit.gateway.store.ProviderStore;
import dev.shellbus.devkit.gateway.store.SandboxStore;
import dev.shellbus.gateway.v1.OpenShellGrpcService;
import dev.shellbus.gateway.v1.Sandbox;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev gateway as one verticle: every RPC, store update and timer runs on its single event-loop context, so the
 * store needs no locks. Only the exec engine does work elsewhere.
 */
final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  private final DevGatewayOptions options;
  private final FaultState faults;
  private SandboxStore store;
  private Lifecycle lifecycle;
  private GatewayJournal journal;
  private Workspaces workspaces;
  private ExecService exec;
  private HttpServer server;
  private Path dataDir;
  private boolean temporaryDataDir;

  GatewayVerticle(DevGatewayOptions options, FaultState faults) {
    this.options = options;
    this.faults = faults;
  }

  @Override
  public Future<?> start() {
    // Loading and initialising the protobuf, gRPC and exec classes takes seconds on a cold, busy JVM: do it on a
    // worker thread so the event loop never blocks on it.
    Future<Object> warm = vertx.executeBlocking(() -> OpenShellGrpcService.all().size() + ExecService.class.hashCode()
        + Sandbox.getDescriptor().getFields().size());
    return warm.compose(ignored -> dataDirectory()).compose(dir -> {
      dataDir = dir;
      wire();
      return workspaces.clearLeftovers();
    }).compose(leftovers -> {
      if (leftovers > 0) {
        LOG.info("deleted {} sandbox workspace(s) left in {} by a previous run; sandboxes do not survive a restart",
            leftovers, dataDir);
      }
      return vertx.createHttpServer(httpOptions()).requestHandler(grpcServer()).listen();
    }).onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed
        .eventually(() -> exec == null ? Future.succeededFuture() : exec.close())
        .eventually(() -> temporaryDataDir ? vertx.fileSystem().deleteRecursive(dataDir.toString())
            : Future.succeededFuture());
  }

  private GrpcServer grpcServer() {
    GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(RpcGuard.MAX_MESSAGE_BYTES));
    boolean mtls = options.clientCa().isPresent();
    Authenticator authenticator = new Authenticator(options.bearerToken(), options.readOnlyToken(), mtls);
    ProviderStore providerStore = new ProviderStore();
    SandboxService sandboxes = new SandboxService(store, providerStore, workspaces, lifecycle, journal,
        new NameGenerator(new SecureRandom()), options.defaultImage());
    ProviderService providers = new ProviderService(providerStore, store, sandboxes, workspaces);
    options.providers().forEach(providers::create);
    GatewayRoutes.Services services = new GatewayRoutes.Services(store, sandboxes, providers, exec,
        options.version(), options.watchBufferLimit());
    new GatewayRoutes(new RpcGuard(vertx, authenticator, faults), services).bind(grpc);
    return grpc;
  }

  private void wire() {
    store = new SandboxStore();
    journal = new GatewayJournal(store.logs());
    exec = new ExecService(vertx, new StoreExecTargets(store), options.exec());
    workspaces = new Workspaces(vertx, options.workspaces(), dataDir);
    Lifecycle.Timing timing = new Lifecycle.Timing(options.readyDelay(), options.stopDelay(), options.deleteDelay());
    lifecycle = new Lifecycle(vertx, store, journal, faults, workspaces, timing, exec::onDeleted);
  }

  private HttpServerOptions httpOptions() {
    HttpServerOptions http = new HttpServerOptions().setHost(options.host()).setPort(options.port())
        .setHttp2ClearTextEnabled(true);
    if (options.tlsCert().isPresent() && options.tlsKey().isPresent()) {
      http.setSsl(true).setUseAlpn(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(options.tlsCert().get().toString())
          .setKeyPath(options.tlsKey().get().toString()));
      options.clientCa().ifPresent(ca -> {
        http.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()));
        boolean tokens = options.bearerToken().isPresent() || options.readOnlyToken().isPresent();
        http.setClientAuth(tokens ? ClientAuth.REQUEST : ClientAuth.REQUIRED);
      });
    }
    return http;
  }

  private Future<Path> dataDirectory() {
    if (options.dataDir().isPresent()) {
      Path dir = options.dataDir().get();
      return vertx.fileSystem().mkdirs(dir.toString()).map(dir);
    }
    temporaryDataDir = true;
    return vertx.fileSystem().createTempDirectory("shellbus-gateway-").map(Path::of);
  }

  int actualPort() {
    return server.actualPort();
  }

  void faultsChanged() {
    context.runOnContext(ignored -> lifecycle.faultsChanged());
  }

  Future<Boolean> appendLog(String sandboxId, String level, String message) {
    Promise<Boolean> appended = Promise.promise();
    context.runOnContext(ignored -> appended.complete(store.find(sandboxId).map(record -> {
      journal.line(record.id(), record.name(), level, message, "sandbox");
      return true;
    }).orElse(false)));
    return appended.future();
  }

  Future<Integer> watchers(String sandboxId) {
    Promise<Integer> count = Promise.promise();
    context.runOnContext(ignored -> count.complete(store.bus().watchers(sandboxId)));
    return count.future();
  }

  Path dataDir() {
    return dataDir;
  }
}

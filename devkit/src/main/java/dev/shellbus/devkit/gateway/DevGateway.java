package dev.shellbus.devkit.gateway;

import dev.shellbus.devkit.gateway.service.FaultState;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A dev gateway: an in-process server that speaks the OpenShell gateway contract ({@code openshell.v1.OpenShell}
 * over gRPC, h2c or TLS) with sandboxes that are local directories and processes instead of containers.
 *
 * <p>Tests, the embedded default ({@code shellbus dev}) and {@code shellbus gateway} start it programmatically; {@link
 * DevGatewayMain} runs it alone. Sandboxes become READY after a configurable delay, exec runs commands through the
 * exec engine, and faults can be injected at start or while it runs. What differs from a real gateway is listed in
 * {@code devkit/README.md}.
 */
public final class DevGateway {

  private final Vertx vertx;
  private final DevGatewayOptions options;
  private final FaultState faults;
  private GatewayVerticle verticle;
  private String deploymentId;

  private DevGateway(Vertx vertx, DevGatewayOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.faults = new FaultState(options.faults());
  }

  /** Returns a gateway that is not started yet. */
  public static DevGateway create(Vertx vertx, DevGatewayOptions options) {
    return new DevGateway(vertx, options);
  }

  /** Creates and starts a gateway; the future completes once it listens. */
  public static Future<DevGateway> start(Vertx vertx, DevGatewayOptions options) {
    return create(vertx, options).start();
  }

  /** Binds the port and starts serving; the future completes once it listens. */
  public synchronized Future<DevGateway> start() {
    if (verticle != null) {
      return Future.failedFuture(new IllegalStateException("the dev gateway is already started"));
    }
    GatewayVerticle starting = new GatewayVerticle(options, faults);
    verticle = starting;
    return vertx.deployVerticle(starting, new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP))
        .map(id -> {
          synchronized (this) {
            deploymentId = id;
          }
          return this;
        })
        .onFailure(error -> {
          synchronized (this) {
            verticle = null;
          }
        });
  }

  /** Stops serving, kills running execs and removes a temporary data directory; stopping twice is harmless. */
  public synchronized Future<Void> stop() {
    if (deploymentId == null) {
      return Future.succeededFuture();
    }
    String id = deploymentId;
    deploymentId = null;
    verticle = null;
    return vertx.undeploy(id);
  }

  /** Returns the bound port. */
  public int port() {
    return running().actualPort();
  }

  /** Returns the address clients connect to. */
  public SocketAddress address() {
    return SocketAddress.inetSocketAddress(port(), options.host());
  }

  /** Returns the endpoint URI, {@code http://host:port} or {@code https://host:port} with TLS. */
  public String endpoint() {
    return (options.tlsCert().isPresent() ? "https://" : "http://") + options.host() + ":" + port();
  }

  /** Returns the directory that holds the sandbox directories. */
  public Path dataDir() {
    return running().dataDir();
  }

  /** Returns the options the gateway was created with; the faults in force may differ, see {@link #faults()}. */
  public DevGatewayOptions options() {
    return options;
  }

  /** Returns the faults in force. */
  public FaultOptions faults() {
    return faults.current();
  }

  /** Puts new faults in force, reseeding the error-rate random source; READY sandboxes pick up flaps and exits. */
  public void faults(FaultOptions next) {
    faults.set(next);
    GatewayVerticle current = verticle;
    if (current != null && deploymentId != null) {
      current.faultsChanged();
    }
  }

  /**
   * Appends a line with source {@code "sandbox"} to a sandbox's log, as a supervisor pushing logs would.
   *
   * @return a future of whether the sandbox exists
   */
  public Future<Boolean> appendSandboxLog(String sandboxId, String level, String message) {
    return running().appendLog(sandboxId, level, message);
  }

  /** Returns how many watch streams follow the sandbox; for tests of watch cleanup. */
  Future<Integer> watchers(String sandboxId) {
    return running().watchers(sandboxId);
  }

  private synchronized GatewayVerticle running() {
    if (verticle == null || deploymentId == null) {
      throw new IllegalStateException("the dev gateway is not running");
    }
    return verticle;
  }
}

package dev.shellbus.devkit.conformance;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.devkit.gateway.DevGatewayOptions;
import dev.shellbus.devkit.gateway.FaultOptions;
import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.gateway.v1.Sandbox;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The gateway under test, for the whole suite: either an in-process dev gateway started here with a random bearer
 * token, or the external gateway that {@link ConformanceSettings} names.
 *
 * <p>The dev gateway runs exec under bubblewrap when bubblewrap works on this host; otherwise it runs plain host
 * processes and {@link #isolationMissing()} says why, so that cases which need a sandbox's isolation skip with that
 * reason. An external gateway is assumed to isolate. Closing deletes every sandbox the suite created, then stops what
 * was started.
 */
final class ConformanceGateway implements AutoCloseable {

  /**
   * The name prefix of sandboxes the in-process dev gateway keeps in PROVISIONING (its stuck-provisioning fault), so
   * that exec on a sandbox that is not READY can be checked without a race. An external gateway holds none.
   */
  static final String HELD_PREFIX = "held";

  /** The value of the spec environment variable {@code CONFORMANCE_SPEC_ENV} of the shared sandbox. */
  static final String SHARED_SPEC_ENV = "set in spec.environment";

  private static final int MAX_INBOUND_MESSAGE = 16 * 1024 * 1024;

  private final ConformanceSettings settings;
  private final Vertx clientVertx = Vertx.vertx();
  private final Vertx gatewayVertx;
  private final DevGateway dev;
  private final Path dataDir;
  private final String token;
  private final Optional<String> isolationMissing;
  private final URI endpoint;
  private final SocketAddress address;
  private final GrpcClient client;
  private final GrpcClient clientWithoutCertificate;
  private final String runId = runId();
  private final List<SandboxTracker> trackers = new ArrayList<>();
  private SandboxTracker sharedTracker;
  private Sandbox shared;

  private ConformanceGateway(ConformanceSettings settings, Vertx gatewayVertx, DevGateway dev, Path dataDir,
      String token, Optional<String> isolationMissing, URI endpoint) {
    this.settings = settings;
    this.gatewayVertx = gatewayVertx;
    this.dev = dev;
    this.dataDir = dataDir;
    this.token = token;
    this.isolationMissing = isolationMissing;
    this.endpoint = endpoint;
    this.address = SocketAddress.inetSocketAddress(endpoint.getPort(), endpoint.getHost());
    this.client = grpcClient(true);
    this.clientWithoutCertificate = settings.certPem().isPresent() ? grpcClient(false) : client;
  }

  /** Connects to the configured external gateway, or starts the dev gateway. */
  static ConformanceGateway start(ConformanceSettings settings) {
    ConformanceGateway gateway = settings.external() ? external(settings) : inProcess(settings);
    System.out.println("[conformance] gateway under test: " + gateway.describe());
    return gateway;
  }

  private static ConformanceGateway external(ConformanceSettings settings) {
    return new ConformanceGateway(settings, null, null, null, settings.token().orElse(null), Optional.empty(),
        settings.gateway().orElseThrow());
  }

  private static ConformanceGateway inProcess(ConformanceSettings settings) {
    Optional<String> missing = bubblewrapProblem();
    Isolation isolation = missing.isPresent() ? Isolation.NONE : Isolation.BUBBLEWRAP;
    String token = "conformance-" + UUID.randomUUID();
    Vertx vertx = Vertx.vertx();
    try {
      Path dir = Files.createTempDirectory("shellbus-conformance-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      DevGatewayOptions options = DevGatewayOptions.builder().bearerToken(token).dataDir(dir)
          .faults(FaultOptions.builder().stuckProvisioning("cf-[a-z0-9]+-" + HELD_PREFIX + "[0-9]+").build())
          .exec(ExecOptions.builder().isolation(isolation).build()).build();
      DevGateway dev = GatewayCalls.await(DevGateway.start(vertx, options), Duration.ofSeconds(60),
          "starting the dev gateway");
      return new ConformanceGateway(settings, vertx, dev, dir, token, missing, URI.create(dev.endpoint()));
    } catch (IOException failure) {
      vertx.close();
      throw new UncheckedIOException("cannot create the dev gateway's data directory", failure);
    } catch (RuntimeException | Error failure) {
      vertx.close();
      throw failure;
    }
  }

  /** Returns the settings. */
  ConformanceSettings settings() {
    return settings;
  }

  /** Returns the calls that carry the configured credentials. */
  GatewayCalls calls() {
    return new GatewayCalls(clientVertx, client, address, token == null ? null : "Bearer " + token);
  }

  /** Returns calls with no {@code authorization} header and no client certificate. */
  GatewayCalls anonymous() {
    return new GatewayCalls(clientVertx, clientWithoutCertificate, address, null);
  }

  /** Returns calls with this {@code authorization} header and no client certificate. */
  GatewayCalls withAuthorization(String header) {
    return new GatewayCalls(clientVertx, clientWithoutCertificate, address, header);
  }

  /** Returns whether sandboxes named by a {@link #HELD_PREFIX} tracker are certain to stay PROVISIONING. */
  boolean holdsProvisioning() {
    return dev != null;
  }

  /** Returns the bearer token the calls send, if any. */
  Optional<String> token() {
    return Optional.ofNullable(token);
  }

  /** Returns whether the gateway is configured with a bearer token, so calls without it must be refused. */
  boolean checksBearerToken() {
    return token != null;
  }

  /** Returns whether a client certificate is presented (mTLS), which may authenticate calls without a token. */
  boolean presentsClientCertificate() {
    return settings.certPem().isPresent();
  }

  /** Returns why exec commands are not isolated, when they are not; empty when they are. */
  Optional<String> isolationMissing() {
    return isolationMissing;
  }

  /** Returns a tracker for one test class's sandboxes; it is closed by the class, or at the latest with the suite. */
  synchronized SandboxTracker tracker(String prefix) {
    SandboxTracker tracker = new SandboxTracker(calls(), settings, runId, prefix);
    trackers.add(tracker);
    return tracker;
  }

  /**
   * Returns the READY sandbox the exec cases share, created on first use with {@code CONFORMANCE_SPEC_ENV} in its
   * spec environment. Cases must not break it: they may write files only under names of their own.
   */
  synchronized Sandbox sharedSandbox() {
    if (shared == null) {
      if (sharedTracker == null) {
        sharedTracker = tracker("sh");
      }
      var request = sharedTracker.request();
      request.getSpecBuilder().putEnvironment("CONFORMANCE_SPEC_ENV", SHARED_SPEC_ENV);
      shared = sharedTracker.createReady(request);
    }
    return shared;
  }

  /** Describes the gateway under test for the log. */
  String describe() {
    if (dev != null) {
      return "in-process dev gateway at " + endpoint + " with a bearer token, exec isolation "
          + isolationMissing.map(reason -> "NONE (" + reason + ")").orElse("BUBBLEWRAP");
    }
    return settings.toString();
  }

  @Override
  public void close() {
    List<SandboxTracker> open;
    synchronized (this) {
      open = List.copyOf(trackers);
      trackers.clear();
    }
    List<Throwable> failures = new ArrayList<>();
    for (SandboxTracker tracker : open) {
      try {
        tracker.close();
      } catch (RuntimeException | AssertionError failure) {
        failures.add(failure);
      }
    }
    GatewayCalls.await(client.close(), Duration.ofSeconds(10), "closing the client");
    if (clientWithoutCertificate != client) {
      GatewayCalls.await(clientWithoutCertificate.close(), Duration.ofSeconds(10), "closing the client");
    }
    GatewayCalls.await(clientVertx.close(), Duration.ofSeconds(10), "closing the client Vert.x");
    if (dev != null) {
      GatewayCalls.await(dev.stop(), Duration.ofSeconds(30), "stopping the dev gateway");
      GatewayCalls.await(gatewayVertx.close(), Duration.ofSeconds(10), "closing the gateway Vert.x");
      deleteRecursively(dataDir);
    }
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError("cleaning up conformance sandboxes failed");
      failures.forEach(error::addSuppressed);
      throw error;
    }
  }

  private GrpcClient grpcClient(boolean withCertificate) {
    HttpClientOptions http = new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false).setConnectTimeout(10_000)
        .setHttp2ConnectionWindowSize(4 * 1024 * 1024)
        .setInitialSettings(new Http2Settings().setInitialWindowSize(1024 * 1024));
    if ("https".equals(endpoint.getScheme())) {
      http.setSsl(true).setUseAlpn(true).setVerifyHost(true);
      settings.caPem().ifPresent(ca -> http.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
      if (withCertificate && settings.certPem().isPresent() && settings.keyPem().isPresent()) {
        http.setKeyCertOptions(new PemKeyCertOptions().setCertPath(settings.certPem().get().toString())
            .setKeyPath(settings.keyPem().get().toString()));
      }
    }
    GrpcClientOptions grpc = new GrpcClientOptions().setMaxMessageSize(MAX_INBOUND_MESSAGE)
        .setScheduleDeadlineAutomatically(true);
    return GrpcClient.client(clientVertx, grpc, http);
  }

  /** Returns why bubblewrap cannot isolate commands here, or empty when a trial sandbox ran. */
  private static Optional<String> bubblewrapProblem() {
    try {
      Isolation.BUBBLEWRAP.check();
    } catch (IllegalStateException missing) {
      return Optional.of(missing.getMessage());
    }
    try {
      Process trial = new ProcessBuilder("bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
          "--unshare-all", "--die-with-parent", "--", "/bin/true").redirectErrorStream(true).start();
      if (!trial.waitFor(20, TimeUnit.SECONDS)) {
        trial.destroyForcibly();
        return Optional.of("bubblewrap is installed but a trial sandbox did not finish within 20 s");
      }
      String output = new String(trial.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return trial.exitValue() == 0 ? Optional.empty()
          : Optional.of("bubblewrap is installed but cannot create a sandbox here: " + output);
    } catch (IOException failed) {
      return Optional.of("bubblewrap could not be run: " + failed.getMessage());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while trying bubblewrap");
    }
  }

  private static String runId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  private static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary directory is harmless.
    }
  }
}

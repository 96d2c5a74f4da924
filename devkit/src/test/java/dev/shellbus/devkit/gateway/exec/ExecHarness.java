package dev.shellbus.devkit.gateway.exec;

import com.google.protobuf.ByteString;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.OpenShellGrpcService;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A minimal gRPC server with only the exec RPCs, backed by {@link ExecService} and a map of test sandboxes, plus a
 * client made from the generated {@link OpenShellGrpcClient} methods. One per test class.
 */
final class ExecHarness implements AutoCloseable {

  /** The server's inbound limit, as the real gateway's: requests over 1 MiB are refused. */
  static final int MAX_MESSAGE = 1024 * 1024;

  final Vertx vertx;
  final ExecService exec;
  final GrpcClient client;
  final SocketAddress address;
  final Path root;
  private final HttpServer server;
  private final Map<String, ExecTarget> sandboxes;

  private ExecHarness(Vertx vertx, ExecService exec, HttpServer server, GrpcClient client, Path root,
      Map<String, ExecTarget> sandboxes) {
    this.sandboxes = sandboxes;
    this.vertx = vertx;
    this.exec = exec;
    this.server = server;
    this.client = client;
    this.address = SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1");
    this.root = root;
  }

  static ExecHarness start(ExecOptions options) throws Exception {
    return start(options, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** Starts a harness whose sandbox workspaces live in a fresh directory under {@code base}. */
  static ExecHarness start(ExecOptions options, Path base) throws Exception {
    Vertx vertx = Vertx.vertx();
    Path root = Files.createTempDirectory(base, "exec-it");
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, ExecTarget> sandboxes = new ConcurrentHashMap<>();
    ExecService exec = new ExecService(vertx, id -> java.util.Optional.ofNullable(sandboxes.get(id)), options);
    GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(MAX_MESSAGE));
    grpc.callHandler(OpenShellGrpcService.ExecSandbox, exec::execSandbox);
    grpc.callHandler(OpenShellGrpcService.ExecSandboxInteractive, exec::execSandboxInteractive);
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(grpc).listen().await(10, TimeUnit.SECONDS);
    GrpcClient client = GrpcClient.client(vertx, new GrpcClientOptions().setMaxMessageSize(4 * MAX_MESSAGE)
        .setScheduleDeadlineAutomatically(true),
        new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    return new ExecHarness(vertx, exec, server, client, root, sandboxes);
  }

  /** Adds a READY sandbox with a fresh workspace and returns it. */
  TestTarget sandbox(boolean network, Map<String, String> environment) throws IOException {
    String id = UUID.randomUUID().toString();
    Path workspace = Files.createDirectories(root.resolve(id));
    TestTarget target = new TestTarget(id, workspace, true, environment, network);
    sandboxes.put(id, target);
    return target;
  }

  /** Adds a sandbox that is not READY. */
  TestTarget provisioning() {
    String id = UUID.randomUUID().toString();
    TestTarget target = new TestTarget(id, root.resolve(id), false, Map.of(), false);
    sandboxes.put(id, target);
    return target;
  }

  /** Starts an ExecSandbox call and returns the raw request, for tests that pause, cancel or time out. */
  Future<GrpcClientRequest<ExecSandboxRequest, ExecSandboxEvent>> call() {
    return client.request(address, OpenShellGrpcClient.ExecSandbox);
  }

  /** Starts an ExecSandboxInteractive call. */
  Future<GrpcClientRequest<ExecSandboxInput, ExecSandboxEvent>> interactive() {
    return client.request(address, OpenShellGrpcClient.ExecSandboxInteractive);
  }

  /**
   * Runs one ExecSandbox call to its end and collects everything.
   *
   * <p>The handlers are set by a listener of the response future itself rather than of a future derived from
   * {@link #call}'s future, which belongs to another context and may be notified in a later task. An immediate error
   * status arrives as a single trailers-only HEADERS frame, so the stream can end before such a late listener has set
   * any handler; {@link #collect} therefore also waits on {@code end()} rather than on an end handler.
   */
  ExecResult run(ExecSandboxRequest request) throws Exception {
    return call().compose(req -> {
      Future<ExecResult> result = req.response().compose(ExecHarness::collect);
      req.end(request);
      return result;
    }).await(120, TimeUnit.SECONDS);
  }

  /**
   * Reads a response to its end: output, exit code, status and message. Completion comes from the response's
   * {@code end()} future, which remembers the end or the failure, so a response that already ended when this is called
   * is still collected instead of waiting forever for an {@code endHandler} call that already happened without one.
   */
  static Future<ExecResult> collect(GrpcClientResponse<?, ExecSandboxEvent> response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer[] exit = {null};
    int[] afterExit = {0};
    Promise<ExecResult> result = Promise.promise();
    response.handler(event -> {
      if (exit[0] != null) {
        afterExit[0]++;
      }
      switch (event.getPayloadCase()) {
        case STDOUT -> write(out, event.getStdout().getData());
        case STDERR -> write(err, event.getStderr().getData());
        case EXIT -> exit[0] = event.getExit().getExitCode();
        default -> { }
      }
    });
    response.end().onComplete(ended -> {
      // The client's end() fails with InvalidStatusException for any status but OK; that is an end, not a failure.
      if (ended.failed() && !(ended.cause() instanceof InvalidStatusException)) {
        result.tryFail(ended.cause());
      } else {
        result.tryComplete(new ExecResult(out.toByteArray(), err.toByteArray(), exit[0], afterExit[0],
            response.status(), statusMessage(response)));
      }
    });
    return result.future();
  }

  /**
   * Returns the status message. The Vert.x 5.0.7 client's {@code statusMessage()} reads only a trailers-only
   * response; after data it is in the trailers, so read it there too.
   */
  static String statusMessage(GrpcClientResponse<?, ?> response) {
    if (response.statusMessage() != null) {
      return response.statusMessage();
    }
    String encoded = response.trailers().get("grpc-message");
    return encoded == null ? null : QueryStringDecoder.decodeComponent(encoded, StandardCharsets.UTF_8);
  }

  private static void write(ByteArrayOutputStream sink, ByteString data) {
    sink.writeBytes(data.toByteArray());
  }

  /** Returns a request for {@code argv} in {@code sandbox}. */
  static ExecSandboxRequest.Builder request(ExecTarget sandbox, String... argv) {
    return ExecSandboxRequest.newBuilder().setSandboxId(sandbox.id()).addAllCommand(java.util.List.of(argv));
  }

  @Override
  public void close() throws Exception {
    exec.close().await(20, TimeUnit.SECONDS);
    client.close().await(10, TimeUnit.SECONDS);
    server.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}

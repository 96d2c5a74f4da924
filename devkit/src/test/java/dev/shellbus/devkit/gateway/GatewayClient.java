package dev.shellbus.devkit.gateway;

import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.DeleteSandboxRequest;
import dev.shellbus.gateway.v1.GetSandboxRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.SandboxSpec;
import dev.shellbus.gateway.v1.SandboxStreamEvent;
import dev.shellbus.gateway.v1.WatchSandboxRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A thin test client over the generated service methods that can send headers and reports non-OK statuses as
 * {@link RpcFailure}.
 */
final class GatewayClient implements AutoCloseable {

  private final GrpcClient client;
  private final SocketAddress address;
  private final Map<String, String> headers = new LinkedHashMap<>();

  GatewayClient(Vertx vertx, SocketAddress address, HttpClientOptions http) {
    this.client = http == null ? GrpcClient.client(vertx) : GrpcClient.client(vertx, http);
    this.address = address;
  }

  static GatewayClient plaintext(Vertx vertx, DevGateway gateway) {
    return new GatewayClient(vertx, gateway.address(), null);
  }

  GatewayClient header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Calls a unary RPC, e.g. {@code call(OpenShellGrpcClient.Health, HealthRequest.getDefaultInstance())}. */
  <Q, R> Future<R> call(ServiceMethod<R, Q> method, Q request) {
    return client.request(address, method).compose(call -> {
      headers.forEach(call.headers()::set);
      call.end(request);
      return call.response().compose(GatewayClient::last);
    });
  }

  private static <R> Future<R> last(GrpcClientResponse<?, R> response) {
    Promise<R> done = Promise.promise();
    List<R> messages = new CopyOnWriteArrayList<>();
    response.handler(messages::add);
    response.exceptionHandler(done::tryFail);
    response.endHandler(ignored -> {
      if (response.status() == GrpcStatus.OK && !messages.isEmpty()) {
        done.tryComplete(messages.get(messages.size() - 1));
      } else {
        done.tryFail(new RpcFailure(response.status(), String.valueOf(response.statusMessage())));
      }
    });
    return done.future();
  }

  /** Opens a watch; the returned stream collects every message and the final status. */
  Future<Watch> watch(WatchSandboxRequest request) {
    return client.request(address, OpenShellGrpcClient.WatchSandbox).compose(call -> {
      headers.forEach(call.headers()::set);
      call.end(request);
      return call.response().map(response -> new Watch(call, response));
    });
  }

  /** Creates a sandbox with an empty spec and the given name ("" lets the gateway pick). */
  Sandbox create(String name) {
    return Await.result(call(OpenShellGrpcClient.CreateSandbox, CreateSandboxRequest.newBuilder()
        .setName(name).setSpec(SandboxSpec.getDefaultInstance()).build())).getSandbox();
  }

  /** Returns the sandbox, or fails with NOT_FOUND. */
  Sandbox get(String name) {
    return Await.result(call(OpenShellGrpcClient.GetSandbox, GetSandboxRequest.newBuilder().setName(name).build()))
        .getSandbox();
  }

  /** Deletes the sandbox. */
  boolean delete(String name) {
    return Await.result(call(OpenShellGrpcClient.DeleteSandbox,
        DeleteSandboxRequest.newBuilder().setName(name).build())).getDeleted();
  }

  /** Polls GetSandbox until the sandbox is in {@code phase}. */
  Sandbox awaitPhase(String name, SandboxPhase phase) {
    Sandbox[] last = new Sandbox[1];
    Await.until(name + " in " + phase, () -> {
      last[0] = get(name);
      return last[0].getStatus().getPhase() == phase;
    });
    return last[0];
  }

  /** Polls GetSandbox until it answers NOT_FOUND. */
  void awaitGone(String name) {
    Await.until(name + " removed", () -> {
      try {
        get(name);
        return false;
      } catch (RpcFailure failure) {
        return failure.status() == GrpcStatus.NOT_FOUND;
      }
    });
  }

  @Override
  public void close() {
    Await.result(client.close());
  }

  /** Opens a server-streaming call; the returned stream collects every message and the final status. */
  <Q, R> Future<Stream<Q, R>> stream(ServiceMethod<R, Q> method, Q request) {
    return client.request(address, method).compose(call -> {
      headers.forEach(call.headers()::set);
      call.end(request);
      return call.response().map(response -> new Stream<>(call, response));
    });
  }

  /** A running server stream: collected messages and, once ended, its status. */
  static class Stream<Q, R> {
    final List<R> messages = new CopyOnWriteArrayList<>();
    final GrpcClientResponse<Q, R> response;
    final GrpcClientRequest<Q, R> call;
    volatile GrpcStatus status;
    volatile String statusMessage;
    volatile Throwable error;

    Stream(GrpcClientRequest<Q, R> call, GrpcClientResponse<Q, R> response) {
      this.call = call;
      this.response = response;
      response.handler(messages::add);
      response.exceptionHandler(failure -> error = failure);
      response.endHandler(ignored -> {
        // Vert.x 5.0.7's statusMessage() reads only the response headers, so a message sent in the trailers
        // after streamed messages is read from the trailers here.
        String trailer = response.trailers().get("grpc-message");
        statusMessage = trailer != null ? percentDecode(trailer) : response.statusMessage();
        status = response.status();
      });
    }

    boolean ended() {
      return status != null || error != null;
    }

    private static String percentDecode(String value) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '%' && i + 2 < value.length()) {
          bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          bytes.write(c);
        }
      }
      return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** A running watch stream. */
  static final class Watch extends Stream<WatchSandboxRequest, SandboxStreamEvent> {
    Watch(GrpcClientRequest<WatchSandboxRequest, SandboxStreamEvent> call,
        GrpcClientResponse<WatchSandboxRequest, SandboxStreamEvent> response) {
      super(call, response);
    }

    List<Sandbox> snapshots() {
      return messages.stream().filter(SandboxStreamEvent::hasSandbox).map(SandboxStreamEvent::getSandbox).toList();
    }
  }
}

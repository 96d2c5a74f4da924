package dev.shellbus.devkit.conformance;

import com.google.protobuf.UnsafeByteOperations;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.WatchSandboxRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcError;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Raw gRPC calls to the gateway under test, over the generated {@link OpenShellGrpcClient} methods and nothing of
 * shellbus' own client, so the suite judges the wire contract only.
 *
 * <p>Each instance sends one fixed {@code authorization} header, or none. Every call carries a deadline
 * ({@code grpc-timeout}, enforced by the client too). Blocking methods are for the test thread; they fail with
 * {@link RpcStatusException} for a non-OK status and {@link GatewayUnreachable} when no status came.
 *
 * <p>Each call runs start to end on one fresh Vert.x context. Driven from the test thread instead, the response
 * handlers were sometimes attached after Vert.x 5.0.7 had already delivered the messages and the end of a short
 * answer, which it then drops: the call hung with no deadline left to fire. The end of a call is taken from
 * {@code response.end()}, which remembers it, rather than from an end handler.
 */
final class GatewayCalls {

  /** The deadline of unary calls. */
  static final Duration UNARY_DEADLINE = Duration.ofSeconds(30);
  /** How long the test thread waits beyond a call's own deadline before it gives up on the client. */
  private static final Duration GRACE = Duration.ofSeconds(10);
  /** The size of one stdin frame of ExecSandboxInteractive, well under the 1 MiB request limit. */
  static final int STDIN_FRAME_BYTES = 256 * 1024;

  private final Vertx vertx;
  private final GrpcClient client;
  private final SocketAddress address;
  private final String authorization;

  /**
   * Creates calls over {@code client}, which belongs to {@code vertx}.
   *
   * @param authorization the whole {@code authorization} header value, or {@code null} to send none
   */
  GatewayCalls(Vertx vertx, GrpcClient client, SocketAddress address, String authorization) {
    this.vertx = vertx;
    this.client = client;
    this.address = address;
    this.authorization = authorization;
  }

  /** Calls a unary RPC and returns its one response message. */
  <Q, R> R call(ServiceMethod<R, Q> method, Q request) {
    return await(onContext(() -> unary(method, request)), UNARY_DEADLINE.plus(GRACE), method.methodName());
  }

  /** Calls a unary RPC that must fail with a status, and returns that failure; a success fails the test. */
  <Q, R> RpcStatusException failure(ServiceMethod<R, Q> method, Q request) {
    R response;
    try {
      response = call(method, request);
    } catch (RpcStatusException expected) {
      return expected;
    }
    throw new AssertionError(method.methodName() + " was expected to fail but answered " + response);
  }

  /** Runs one ExecSandbox call to its end. */
  ExecOutcome exec(ExecSandboxRequest request, Duration deadline) {
    Future<ExecOutcome> outcome = onContext(() -> open(OpenShellGrpcClient.ExecSandbox, deadline).compose(call -> {
      call.end(request);
      return call.response();
    }).compose(ExecCollector::collect));
    return await(outcome.recover(GatewayCalls::noStatus), deadline.plus(GRACE), "ExecSandbox");
  }

  /**
   * Runs one ExecSandboxInteractive call: writes {@code frames}, then {@code stdin} in {@link #STDIN_FRAME_BYTES}
   * frames as fast as flow control allows, then half-closes, and reads the answer to its end.
   */
  ExecOutcome interactive(List<ExecSandboxInput> frames, byte[] stdin, Duration deadline) {
    Future<ExecOutcome> outcome = onContext(() -> open(OpenShellGrpcClient.ExecSandboxInteractive, deadline)
        .compose(call -> {
          frames.forEach(call::write);
          Future<ExecOutcome> answer = call.response().compose(ExecCollector::collect);
          pump(call, stdin, 0);
          return answer;
        }));
    return await(outcome.recover(GatewayCalls::noStatus), deadline.plus(GRACE), "ExecSandboxInteractive");
  }

  /** Opens a WatchSandbox stream; it collects in the background until it ends or is cancelled. */
  WatchStream watch(WatchSandboxRequest request, Duration deadline) {
    WatchStream watch = new WatchStream();
    onContext(() -> open(OpenShellGrpcClient.WatchSandbox, deadline).compose(call -> {
      watch.opened(call);
      call.end(request);
      return call.response();
    }).compose(response -> {
      response.handler(watch::event);
      response.errorHandler(error -> {
        if (response.status() == null) {
          watch.end(null, null, reset(error));
        }
      });
      return response.end().transform(ended -> {
        watch.end(response.status(), statusMessage(response), ended.failed() ? ended.cause() : null);
        return Future.succeededFuture();
      });
    })).onFailure(error -> watch.end(null, null, error));
    return watch;
  }

  private <Q, R> Future<R> unary(ServiceMethod<R, Q> method, Q request) {
    String rpc = method.methodName();
    return open(method, UNARY_DEADLINE).compose(call -> {
      call.end(request);
      return call.response();
    }).compose(response -> {
      Promise<R> result = Promise.promise();
      List<R> messages = new ArrayList<>();
      response.handler(messages::add);
      response.errorHandler(error -> {
        if (response.status() == null) {
          result.tryFail(new GatewayUnreachable(rpc, reset(error)));
        }
      });
      response.end().onComplete(ended -> {
        if (response.status() != GrpcStatus.OK) {
          result.tryFail(failure(rpc, response, ended.failed() ? ended.cause() : null));
        } else if (ended.failed() || messages.size() != 1) {
          result.tryFail(new AssertionError(rpc + " answered OK with " + messages.size() + " messages instead of 1"
              + (ended.failed() ? " and " + ended.cause() : "")));
        } else {
          result.tryComplete(messages.get(0));
        }
      });
      return result.future();
    }, error -> Future.failedFuture(error instanceof GatewayUnreachable ? error : new GatewayUnreachable(rpc, error)));
  }

  /**
   * Returns the failure of a stream reset before any status came. Vert.x 5.0.7 reports a reset, including the
   * client's own deadline firing after the response headers, only to the error handler: the end future and end
   * handler never complete then. A reset after the trailers is left to the end future, which has the status.
   */
  static Throwable reset(GrpcError error) {
    return new IllegalStateException("the HTTP/2 stream was reset (" + error + "), with no gRPC status");
  }

  /** Runs {@code work} on a fresh context of the client's Vert.x, so a call never races with the test thread. */
  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> result = Promise.promise();
    context.runOnContext(ignored -> {
      try {
        work.get().onComplete(result);
      } catch (RuntimeException failure) {
        result.tryFail(failure);
      }
    });
    return result.future();
  }

  private <Q, R> Future<GrpcClientRequest<Q, R>> open(ServiceMethod<R, Q> method, Duration deadline) {
    return client.request(address, method).map(call -> {
      if (authorization != null) {
        call.headers().set("authorization", authorization);
      }
      call.timeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return call;
    }).recover(error -> Future.failedFuture(new GatewayUnreachable(method.methodName(), error)));
  }

  /** Writes stdin frames while the request's write queue has room, resumes on drain, then half-closes. */
  private static void pump(GrpcClientRequest<ExecSandboxInput, ExecSandboxEvent> call, byte[] data, int offset) {
    int next = offset;
    try {
      while (next < data.length && !call.writeQueueFull()) {
        int size = Math.min(STDIN_FRAME_BYTES, data.length - next);
        call.write(ExecSandboxInput.newBuilder().setStdin(UnsafeByteOperations.unsafeWrap(data, next, size)).build());
        next += size;
      }
      if (next < data.length) {
        int from = next;
        call.drainHandler(ignored -> pump(call, data, from));
      } else {
        call.end();
      }
    } catch (IllegalStateException streamClosed) {
      // The gateway answered before taking all of stdin; the answer tells what happened.
    }
  }

  private static RuntimeException failure(String rpc, GrpcClientResponse<?, ?> response, Throwable error) {
    GrpcStatus status = response.status();
    if (status != null && status != GrpcStatus.OK) {
      return new RpcStatusException(rpc, status, statusMessage(response));
    }
    return new GatewayUnreachable(rpc, error == null ? new IllegalStateException("stream ended without a status")
        : error);
  }

  private static Future<ExecOutcome> noStatus(Throwable error) {
    return Future.succeededFuture(new ExecOutcome(new byte[0], 0, 0, "", new byte[0], 0, 0, null, 0, 0, null, null,
        error));
  }

  /**
   * Returns the status message. Vert.x 5.0.7's {@code statusMessage()} reads {@code grpc-message} only from the
   * headers of a trailers-only answer; after response messages it is in the trailers, percent-encoded.
   */
  static String statusMessage(GrpcClientResponse<?, ?> response) {
    String fromHeaders = response.statusMessage();
    if (fromHeaders != null) {
      return fromHeaders;
    }
    MultiMap trailers = response.trailers();
    String encoded = trailers == null ? null : trailers.get("grpc-message");
    return encoded == null ? null : percentDecode(encoded);
  }

  /** Decodes gRPC's percent-encoding (which, unlike form encoding, leaves {@code +} alone). */
  static String percentDecode(String value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
        bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  /** Waits for {@code future} on the test thread; unwraps its failure. */
  static <T> T await(Future<T> future, Duration timeout, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(what + " failed", cause);
    } catch (TimeoutException timedOut) {
      throw new AssertionError(what + " did not finish within " + timeout, timedOut);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, interrupted);
    }
  }
}

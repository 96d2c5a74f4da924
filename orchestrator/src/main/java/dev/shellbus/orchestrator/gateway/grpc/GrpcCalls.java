package dev.shellbus.orchestrator.gateway.grpc;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.auth.TokenSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plumbing every gateway call shares: it runs on a Vert.x context, sends the bearer token and the
 * remaining budget as {@code grpc-timeout}, arms our own deadline ({@link CallGuard}), maps every
 * failure through {@link GrpcStatusMapper}, and retries once with a refreshed token when the gateway
 * answers {@code UNAUTHENTICATED} and the token source can refresh.
 */
final class GrpcCalls {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcCalls.class);

  private final Vertx vertx;
  private final GrpcClient client;
  private final SocketAddress address;
  private final Optional<TokenSource> tokens;

  GrpcCalls(Vertx vertx, GrpcClient client, SocketAddress address, Optional<TokenSource> tokens) {
    this.vertx = vertx;
    this.client = client;
    this.address = address;
    this.tokens = tokens;
  }

  /** A request whose headers are sent, with its guard; the response may still be on its way. */
  record Open<Req, Resp>(GrpcClientRequest<Req, Resp> request, CallGuard guard) {}

  /** A server stream whose response headers arrived with no error status; paused until consumed. */
  record Stream<Req, Resp>(GrpcClientRequest<Req, Resp> request, GrpcClientResponse<Req, Resp> response, CallGuard guard) {}

  /** Runs the work on a Vert.x context: the caller's, or a fresh one when called from elsewhere. */
  <T> Future<T> onContext(Supplier<Future<T>> work) {
    if (Vertx.currentContext() != null) {
      return work.get();
    }
    Context context = vertx.getOrCreateContext();
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(result));
    return result.future();
  }

  /** One unary call. */
  <Req, Resp> Future<Resp> unary(ServiceMethod<Resp, Req> method, Req message, Deadline deadline) {
    String rpc = method.methodName();
    return onContext(() -> authorized(rpc, token -> {
      Promise<Resp> result = Promise.promise();
      open(method, deadline, token, result).onSuccess(open -> {
        open.request().end(message);
        open.request().response()
            .compose(resp -> resp.last().recover(e -> Future.failedFuture(failure(rpc, resp, e, false, deadline))))
            .onComplete(ar -> {
              open.guard().finish();
              if (ar.succeeded()) {
                result.tryComplete(ar.result());
              } else {
                result.tryFail(open.guard().fired() ? GrpcStatusMapper.ownDeadline(rpc) : GrpcStatusMapper.fromThrowable(rpc, ar.cause(), false, deadline));
              }
            });
      });
      return result.future();
    }));
  }

  /**
   * Opens a server stream: completes when the response headers arrive, failing on an immediate error
   * status. The response is paused; the consumer resumes it. The guard keeps running for the stream.
   */
  <Req, Resp> Future<Stream<Req, Resp>> serverStream(ServiceMethod<Resp, Req> method, Req message, Deadline deadline) {
    String rpc = method.methodName();
    return onContext(() -> authorized(rpc, token -> {
      Promise<Stream<Req, Resp>> result = Promise.promise();
      open(method, deadline, token, result).onSuccess(open -> {
        open.request().end(message);
        open.request().response().onComplete(ar -> {
          if (ar.failed()) {
            open.guard().finish();
            result.tryFail(open.guard().fired() ? GrpcStatusMapper.ownDeadline(rpc) : GrpcStatusMapper.fromThrowable(rpc, ar.cause(), false, deadline));
            return;
          }
          GrpcClientResponse<Req, Resp> resp = ar.result();
          resp.pause();
          GrpcStatus status = resp.status();
          if (status != null && status != GrpcStatus.OK) {
            open.guard().finish();
            result.tryFail(GrpcStatusMapper.fromStatus(rpc, status, message(resp), false, deadline));
          } else if (!result.tryComplete(new Stream<>(open.request(), resp, open.guard()))) {
            open.request().cancel();
          }
        });
      });
      return result.future();
    }));
  }

  /**
   * Opens a bidirectional call (no retry after a token refresh: its input cannot be replayed). The
   * guard fails {@code onExpire} when the deadline passes.
   */
  <Req, Resp> Future<Open<Req, Resp>> bidi(ServiceMethod<Resp, Req> method, Deadline deadline, Promise<?> onExpire) {
    return onContext(() -> {
      Future<Optional<String>> token = tokens.isEmpty() ? Future.succeededFuture(Optional.empty()) : tokens.get().token().map(Optional::of);
      return token.compose(t -> open(method, deadline, t, onExpire));
    });
  }

  /** Creates the request with deadline and token; the guard fails {@code result} when the deadline passes. */
  private <Req, Resp> Future<Open<Req, Resp>> open(
      ServiceMethod<Resp, Req> method, Deadline deadline, Optional<String> token, Promise<?> result) {
    String rpc = method.methodName();
    if (deadline.expired()) {
      result.tryFail(GrpcStatusMapper.ownDeadline(rpc));
      return Future.failedFuture(GrpcStatusMapper.ownDeadline(rpc));
    }
    CallGuard guard = CallGuard.start(vertx, deadline);
    guard.onExpire(v -> result.tryFail(GrpcStatusMapper.ownDeadline(rpc)));
    Promise<Open<Req, Resp>> opened = Promise.promise();
    client.request(address, method).onComplete(ar -> {
      if (ar.failed()) {
        guard.finish();
        ShellbusException e = guard.fired() ? GrpcStatusMapper.ownDeadline(rpc) : GrpcStatusMapper.fromThrowable(rpc, ar.cause(), false, deadline);
        result.tryFail(e);
        opened.fail(e);
        return;
      }
      GrpcClientRequest<Req, Resp> request = ar.result();
      guard.bind(request);
      if (guard.fired()) {
        opened.fail(GrpcStatusMapper.ownDeadline(rpc));
        return;
      }
      request.timeout(Math.max(1L, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
      token.ifPresent(t -> request.headers().set("authorization", "Bearer " + t));
      opened.complete(new Open<>(request, guard));
    });
    return opened.future();
  }

  private <T> Future<T> authorized(String rpc, Function<Optional<String>, Future<T>> call) {
    if (tokens.isEmpty()) {
      return call.apply(Optional.empty());
    }
    TokenSource source = tokens.get();
    return source.token().compose(token -> call.apply(Optional.of(token)).recover(e -> {
      if (source.canRefresh() && e instanceof ShellbusException se && se.code() == FailureCode.UNAUTHENTICATED) {
        LOG.info("{} answered UNAUTHENTICATED; refreshing the bearer token and trying once more", rpc);
        return source.refresh().compose(fresh -> call.apply(Optional.of(fresh)));
      }
      return Future.failedFuture(e);
    }));
  }

  /** The failure of a response: its status when it has a non-OK one, the exception otherwise. */
  static ShellbusException failure(String rpc, GrpcClientResponse<?, ?> resp, Throwable e, boolean midStream, Deadline deadline) {
    GrpcStatus status = resp.status();
    if (status != null && status != GrpcStatus.OK) {
      return GrpcStatusMapper.fromStatus(rpc, status, message(resp), midStream, deadline);
    }
    return GrpcStatusMapper.fromThrowable(rpc, e, midStream, deadline);
  }

  /**
   * The status message, from the headers of a trailers-only answer or from the trailers (Vert.x
   * 5.0's {@code statusMessage()} reads the headers only).
   */
  static String message(GrpcClientResponse<?, ?> resp) {
    String fromHeaders = resp.statusMessage();
    if (fromHeaders != null) {
      return fromHeaders;
    }
    return resp.trailers() == null ? null : GrpcStatusMapper.decodeMessage(resp.trailers().get("grpc-message"));
  }
}

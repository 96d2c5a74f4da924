package dev.shellbus.devkit.gateway.rpc;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.devkit.gateway.service.FaultState;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.MessageSizeOverflowException;
import io.vertx.grpc.server.GrpcServerRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Wraps every RPC handler with what all calls share: the 1 MiB request limit, authentication, the read-only check,
 * injected latency and errors, and the mapping of failures to a gRPC status through {@link GatewayException#fail}.
 */
public final class RpcGuard {

  /** The largest request message, as the real gateway's decode limit ({@code MAX_GRPC_DECODE_SIZE}). */
  public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  /** What an RPC needs from its caller. */
  public enum Access {
    /** No authentication at all (Health). */
    PUBLIC,
    /** Any authenticated caller. */
    READ,
    /** An authenticated caller that is not read-only. */
    WRITE
  }

  private final Vertx vertx;
  private final Authenticator authenticator;
  private final FaultState faults;

  /** Creates the guard. */
  public RpcGuard(Vertx vertx, Authenticator authenticator, FaultState faults) {
    this.vertx = vertx;
    this.authenticator = authenticator;
    this.faults = faults;
  }

  /**
   * Returns the handler of a unary RPC: one request message in, one response or a status out.
   *
   * @param rpc the RPC name as in the gRPC path, which also keys the faults
   * @param body computes the response; it may throw or return a failed future
   */
  public <Q, R> Handler<GrpcServerRequest<Q, R>> unary(String rpc, Access access,
      BiFunction<Principal, Q, Future<R>> body) {
    return call -> admit(call, rpc, access, principal -> {
      boolean[] answered = {false};
      call.handler(request -> {
        if (answered[0]) {
          return;
        }
        answered[0] = true;
        Future<R> response;
        try {
          response = body.apply(principal, request);
        } catch (RuntimeException error) {
          response = Future.failedFuture(error);
        }
        response.onComplete(result -> {
          if (result.succeeded()) {
            try {
              call.response().end(result.result());
            } catch (IllegalStateException clientGone) {
              // The client cancelled; the work is done anyway, as on the real gateway.
            }
          } else {
            GatewayException.fail(call.response(), result.cause());
          }
        });
      });
      call.endHandler(ended -> {
        if (!answered[0]) {
          answered[0] = true;
          GatewayException.fail(call.response(), GatewayException.invalid("the request message is missing"));
        }
      });
    });
  }

  /**
   * Returns the handler of a streaming RPC, which gets the whole call once the caller is admitted.
   *
   * @param body serves the call; exceptions it throws synchronously answer the call
   */
  public <Q, R> Handler<GrpcServerRequest<Q, R>> stream(String rpc, Access access,
      BiConsumer<Principal, GrpcServerRequest<Q, R>> body) {
    return call -> admit(call, rpc, access, principal -> body.accept(principal, call));
  }

  private <Q, R> void admit(GrpcServerRequest<Q, R> call, String rpc, Access access, Handler<Principal> next) {
    call.invalidMessageHandler(invalid -> GatewayException.fail(call.response(), tooLarge(invalid)));
    try {
      Principal principal = access == Access.PUBLIC ? Principal.ANONYMOUS : authenticator.authenticate(call);
      if (access == Access.WRITE && principal.readOnly()) {
        throw new GatewayException(GrpcStatus.PERMISSION_DENIED,
            "principal '" + principal.subject() + "' is read-only and may not call " + rpc);
      }
      Duration latency = faults.latency(rpc);
      if (latency.isZero()) {
        proceed(call, rpc, principal, next);
        return;
      }
      call.pause();
      vertx.setTimer(Math.max(1, latency.toMillis()), timer -> {
        proceed(call, rpc, principal, next);
        call.resume();
      });
    } catch (RuntimeException error) {
      GatewayException.fail(call.response(), error);
    }
  }

  private <Q, R> void proceed(GrpcServerRequest<Q, R> call, String rpc, Principal principal, Handler<Principal> next) {
    try {
      Optional<GatewayException> injected = faults.failure(rpc);
      if (injected.isPresent()) {
        throw injected.get();
      }
      next.handle(principal);
    } catch (RuntimeException error) {
      GatewayException.fail(call.response(), error);
    }
  }

  private static GatewayException tooLarge(Throwable invalid) {
    if (invalid instanceof MessageSizeOverflowException overflow) {
      return new GatewayException(GrpcStatus.OUT_OF_RANGE, "Error, decoded message length too large: found "
          + overflow.messageSize() + " bytes, the limit is: " + MAX_MESSAGE_BYTES + " bytes");
    }
    return GatewayException.invalid("invalid request message: " + invalid.getMessage());
  }
}

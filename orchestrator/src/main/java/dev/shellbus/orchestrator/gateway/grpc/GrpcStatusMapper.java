package dev.shellbus.orchestrator.gateway.grpc;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecLimit;
import dev.shellbus.orchestrator.gateway.GatewayException;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * THE one place where a gRPC status (or a transport failure) becomes a {@link GatewayException}.
 *
 * <p>The retry rule: a failure is <b>transient</b> (retryable) when the status is the following;
 * each maps to a code whose {@link FailureCode#retryable()} is true, so the code alone says it:
 * <ul>
 *   <li>{@code UNAVAILABLE} (no supervisor session, relay dropped, connection refused or lost),
 *   <li>{@code RESOURCE_EXHAUSTED} (rate limit, watch lag, SSH connection limits), unless the message
 *       says a message was too large,
 *   <li>{@code ABORTED} (compare-and-set mismatch; re-read and retry) mapped to {@code ABORTED}
 *       (never {@code CONFLICT}, which is final),
 *   <li>{@code FAILED_PRECONDITION} "sandbox is not ready" mapped to {@code SANDBOX_NOT_READY}
 *       (wait for READY again, then retry),
 *   <li>{@code DEADLINE_EXCEEDED} only when the gateway sent it mid-stream (its relay open timed out)
 *       while our own deadline still has budget.
 * </ul>
 * Everything else is <b>final</b>: {@code INVALID_ARGUMENT} becomes {@code INVALID_REQUEST}; {@code
 * NOT_FOUND}, {@code ALREADY_EXISTS}, {@code UNAUTHENTICATED} and {@code PERMISSION_DENIED} keep their
 * names; other {@code FAILED_PRECONDITION}s become {@code CONFLICT} (wrong phase for stop or start)
 * or {@code INVALID_REQUEST} (unknown provider and the like); {@code OUT_OF_RANGE} becomes {@code
 * PAYLOAD_TOO_LARGE}; {@code INTERNAL}, {@code UNKNOWN}, {@code UNIMPLEMENTED} and {@code DATA_LOSS}
 * become {@code INTERNAL}; {@code CANCELLED} stays {@code CANCELLED}; our own deadline firing, or a
 * {@code DEADLINE_EXCEEDED} with no budget left, becomes {@code DEADLINE_EXCEEDED}.
 *
 * <p>On an exec stream that had already opened, a transient failure becomes {@code
 * EXEC_INTERRUPTED} (still retryable): the command may have run in part, and the engine decides
 * whether running it again is safe. A stream that ends without an exit event is {@code
 * EXEC_INTERRUPTED} too, never exit 0. Exit 124 (the gateway's own timeout) is not an error here.
 */
public final class GrpcStatusMapper {
  private GrpcStatusMapper() {}

  /**
   * Maps a non-OK status.
   *
   * @param rpc the RPC name, e.g. {@code ExecSandbox}
   * @param status the status the gateway answered
   * @param message the decoded {@code grpc-message}, or null
   * @param midStream whether the status came after the response stream had opened
   * @param deadline the caller's deadline, to tell a gateway-side timeout from our own
   */
  public static GatewayException fromStatus(
      String rpc, GrpcStatus status, String message, boolean midStream, Deadline deadline) {
    String detail = message == null || message.isBlank() ? "" : message;
    String lower = detail.toLowerCase(Locale.ROOT);
    FailureCode code = switch (status) {
      case UNAVAILABLE -> FailureCode.GATEWAY_UNAVAILABLE;
      case RESOURCE_EXHAUSTED -> lower.contains("too large") ? FailureCode.PAYLOAD_TOO_LARGE : FailureCode.RESOURCE_EXHAUSTED;
      case ABORTED -> FailureCode.ABORTED;
      case DEADLINE_EXCEEDED ->
          midStream && !deadline.expired() ? FailureCode.GATEWAY_UNAVAILABLE : FailureCode.DEADLINE_EXCEEDED;
      case FAILED_PRECONDITION -> lower.contains("not ready") ? FailureCode.SANDBOX_NOT_READY
          : lower.contains("phase") || lower.contains("must be") ? FailureCode.CONFLICT : FailureCode.INVALID_REQUEST;
      case INVALID_ARGUMENT -> FailureCode.INVALID_REQUEST;
      case NOT_FOUND -> FailureCode.NOT_FOUND;
      case ALREADY_EXISTS -> FailureCode.ALREADY_EXISTS;
      case UNAUTHENTICATED -> FailureCode.UNAUTHENTICATED;
      case PERMISSION_DENIED -> FailureCode.PERMISSION_DENIED;
      case OUT_OF_RANGE -> FailureCode.PAYLOAD_TOO_LARGE;
      case CANCELLED -> FailureCode.CANCELLED;
      default -> FailureCode.INTERNAL;
    };
    if (code.retryable() && midStream && isExec(rpc)) {
      code = FailureCode.EXEC_INTERRUPTED;
    }
    String text = rpc + " failed: " + status.name() + (detail.isEmpty() ? "" : ": " + detail);
    return new GatewayException(code, status.name(), rpc, text, null);
  }

  /** Our own deadline fired before the call finished: final. */
  public static GatewayException ownDeadline(String rpc) {
    return new GatewayException(
        FailureCode.DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED", rpc, rpc + " failed: the request deadline passed", null);
  }

  /**
   * The gRPC deadline of an exec call fired ({@link ExecLimit#callDeadline}): the gateway did not answer exit 124
   * within the margin. {@code STEP_TIMED_OUT} when the exec's own timeout was the limit and the request deadline has
   * not passed, else {@code DEADLINE_EXCEEDED}; both final.
   */
  public static GatewayException execDeadline(String rpc, ExecLimit limit, Deadline request) {
    if (limit.endedByCallDeadline(request) == ExecLimit.Kind.OWN_TIMEOUT) {
      return new GatewayException(FailureCode.STEP_TIMED_OUT, "DEADLINE_EXCEEDED", rpc, rpc + " failed: its timeout of "
          + limit.timeoutSeconds() + " s passed and the gateway did not end it within " + ExecLimit.MARGIN.toSeconds() + " s", null);
    }
    return ownDeadline(rpc);
  }

  /** The caller cancelled the call: final. */
  public static GatewayException cancelledByCaller(String rpc) {
    return new GatewayException(FailureCode.CANCELLED, "CANCELLED", rpc, rpc + " cancelled by the caller", null);
  }

  /** An exec stream ended cleanly but without an exit event: interrupted, retryable, never exit 0. */
  public static GatewayException endedWithoutExit(String rpc) {
    return new GatewayException(
        FailureCode.EXEC_INTERRUPTED, "OK", rpc, rpc + " stream ended without an exit event", null);
  }

  /**
   * Maps any failure seen on a call: our own exceptions pass through, gRPC status exceptions go
   * through {@link #fromStatus}, and anything else (connection refused, closed, reset) is a
   * transport failure mapped as {@code UNAVAILABLE}.
   */
  public static ShellbusException fromThrowable(String rpc, Throwable failure, boolean midStream, Deadline deadline) {
    if (failure instanceof ShellbusException se) {
      return se;
    }
    if (failure instanceof InvalidStatusException ise) {
      return fromStatus(rpc, ise.actualStatus(), null, midStream, deadline);
    }
    if (failure instanceof GrpcErrorException gee) {
      return fromStatus(rpc, gee.status(), gee.getMessage(), midStream, deadline);
    }
    boolean exec = midStream && isExec(rpc);
    FailureCode code = exec ? FailureCode.EXEC_INTERRUPTED : FailureCode.GATEWAY_UNAVAILABLE;
    String what = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new GatewayException(code, "UNAVAILABLE", rpc, rpc + " failed: transport: " + what, failure);
  }

  /** Decodes a percent-encoded {@code grpc-message} value (only {@code %XX}; '+' stays '+'). */
  public static String decodeMessage(String raw) {
    if (raw == null || raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
        out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        int codePoint = raw.codePointAt(i);
        byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        i += Character.charCount(codePoint) - 1;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  private static boolean isExec(String rpc) {
    return rpc.startsWith("ExecSandbox");
  }
}

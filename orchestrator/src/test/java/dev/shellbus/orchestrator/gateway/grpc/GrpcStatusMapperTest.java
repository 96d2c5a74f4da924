package dev.shellbus.orchestrator.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.GatewayException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcError;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcStatus;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GrpcStatusMapperTest {
  private static final Deadline BUDGET_LEFT = Deadline.in(Duration.ofMinutes(5));
  private static final Deadline NO_BUDGET = Deadline.at(Instant.now().minusSeconds(1));

  static Stream<Arguments> table() {
    return Stream.of(
        // status, message, midStream, rpc, expected code, retryable
        Arguments.of(GrpcStatus.UNAVAILABLE, "supervisor relay failed", false, "CreateSandbox", FailureCode.GATEWAY_UNAVAILABLE, true),
        Arguments.of(GrpcStatus.RESOURCE_EXHAUSTED, "gRPC rate limit exceeded", false, "GetSandbox", FailureCode.RESOURCE_EXHAUSTED, true),
        Arguments.of(GrpcStatus.RESOURCE_EXHAUSTED, "Error, decoded message length too large", false, "ExecSandbox", FailureCode.PAYLOAD_TOO_LARGE, false),
        Arguments.of(GrpcStatus.ABORTED, "resource version mismatch", false, "AttachSandboxProvider", FailureCode.ABORTED, true),
        Arguments.of(GrpcStatus.INVALID_ARGUMENT, "spec is required", false, "CreateSandbox", FailureCode.INVALID_REQUEST, false),
        Arguments.of(GrpcStatus.NOT_FOUND, "sandbox not found", false, "GetSandbox", FailureCode.NOT_FOUND, false),
        Arguments.of(GrpcStatus.ALREADY_EXISTS, "sandbox 'x' already exists", false, "CreateSandbox", FailureCode.ALREADY_EXISTS, false),
        Arguments.of(GrpcStatus.FAILED_PRECONDITION, "sandbox is not ready", false, "ExecSandbox", FailureCode.SANDBOX_NOT_READY, true),
        Arguments.of(GrpcStatus.FAILED_PRECONDITION, "sandbox must be Ready to stop (current phase: ERROR)", false, "StopSandbox", FailureCode.CONFLICT, false),
        Arguments.of(GrpcStatus.FAILED_PRECONDITION, "provider 'gitlab' not found", false, "CreateSandbox", FailureCode.INVALID_REQUEST, false),
        Arguments.of(GrpcStatus.UNAUTHENTICATED, "missing authorization header", false, "GetSandbox", FailureCode.UNAUTHENTICATED, false),
        Arguments.of(GrpcStatus.PERMISSION_DENIED, "not a member", false, "GetSandbox", FailureCode.PERMISSION_DENIED, false),
        Arguments.of(GrpcStatus.OUT_OF_RANGE, "decoded message length too large", false, "ExecSandbox", FailureCode.PAYLOAD_TOO_LARGE, false),
        Arguments.of(GrpcStatus.INTERNAL, "create sandbox failed: driver", false, "CreateSandbox", FailureCode.INTERNAL, false),
        Arguments.of(GrpcStatus.UNKNOWN, null, false, "GetSandbox", FailureCode.INTERNAL, false),
        Arguments.of(GrpcStatus.UNIMPLEMENTED, null, false, "GetSandbox", FailureCode.INTERNAL, false),
        Arguments.of(GrpcStatus.DATA_LOSS, null, false, "GetSandbox", FailureCode.INTERNAL, false),
        Arguments.of(GrpcStatus.CANCELLED, "stream closed", true, "WatchSandbox", FailureCode.CANCELLED, false),
        Arguments.of(GrpcStatus.DEADLINE_EXCEEDED, "relay open timed out", false, "GetSandbox", FailureCode.DEADLINE_EXCEEDED, false),
        Arguments.of(GrpcStatus.UNAVAILABLE, "exec relay closed before the command reported an exit status", true, "ExecSandbox", FailureCode.EXEC_INTERRUPTED, true),
        Arguments.of(GrpcStatus.UNAVAILABLE, "relay dropped", true, "ExecSandboxInteractive", FailureCode.EXEC_INTERRUPTED, true),
        Arguments.of(GrpcStatus.UNAVAILABLE, "relay dropped", true, "WatchSandbox", FailureCode.GATEWAY_UNAVAILABLE, true));
  }

  @ParameterizedTest(name = "{0} \"{1}\" midStream={2} on {3} -> {4}")
  @MethodSource("table")
  void mapsEveryStatusByTheWrittenRule(GrpcStatus status, String message, boolean midStream, String rpc, FailureCode code, boolean retryable) {
    GatewayException e = GrpcStatusMapper.fromStatus(rpc, status, message, midStream, BUDGET_LEFT);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.retryable()).isEqualTo(retryable);
    assertThat(e.status()).isEqualTo(status.name());
    assertThat(e.rpc()).isEqualTo(rpc);
    assertThat(e.getMessage()).startsWith(rpc + " failed: " + status.name());
  }

  @Test
  void gatewayDeadlineMidStreamWithBudgetLeftIsTransient() {
    GatewayException e = GrpcStatusMapper.fromStatus("ExecSandbox", GrpcStatus.DEADLINE_EXCEEDED, "relay open timed out", true, BUDGET_LEFT);
    assertThat(e.code()).isEqualTo(FailureCode.EXEC_INTERRUPTED);
    assertThat(e.retryable()).isTrue();
    GatewayException watch = GrpcStatusMapper.fromStatus("WatchSandbox", GrpcStatus.DEADLINE_EXCEEDED, "x", true, BUDGET_LEFT);
    assertThat(watch.code()).isEqualTo(FailureCode.GATEWAY_UNAVAILABLE);
    assertThat(watch.retryable()).isTrue();
  }

  @Test
  void gatewayDeadlineWithNoBudgetLeftIsFinal() {
    GatewayException e = GrpcStatusMapper.fromStatus("ExecSandbox", GrpcStatus.DEADLINE_EXCEEDED, "relay open timed out", true, NO_BUDGET);
    assertThat(e.code()).isEqualTo(FailureCode.DEADLINE_EXCEEDED);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void ourOwnDeadlineIsFinal() {
    GatewayException e = GrpcStatusMapper.ownDeadline("GetSandbox");
    assertThat(e.code()).isEqualTo(FailureCode.DEADLINE_EXCEEDED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.status()).isEqualTo("DEADLINE_EXCEEDED");
  }

  @Test
  void streamWithoutExitIsInterruptedNeverSuccess() {
    GatewayException e = GrpcStatusMapper.endedWithoutExit("ExecSandbox");
    assertThat(e.code()).isEqualTo(FailureCode.EXEC_INTERRUPTED);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void anExecCallDeadlineIsTheStepTimeoutUnlessTheRequestDeadlinePassed() {
    dev.shellbus.orchestrator.gateway.ExecLimit own = new dev.shellbus.orchestrator.gateway.ExecLimit(30,
        dev.shellbus.orchestrator.gateway.ExecLimit.Kind.OWN_TIMEOUT);
    GatewayException step = GrpcStatusMapper.execDeadline("ExecSandbox", own, BUDGET_LEFT);
    assertThat(step.code()).isEqualTo(FailureCode.STEP_TIMED_OUT);
    assertThat(step.retryable()).isFalse();
    assertThat(GrpcStatusMapper.execDeadline("ExecSandbox", own, NO_BUDGET).code()).isEqualTo(FailureCode.DEADLINE_EXCEEDED);
  }

  @Test
  void callerCancelIsFinal() {
    assertThat(GrpcStatusMapper.cancelledByCaller("ExecSandbox").code()).isEqualTo(FailureCode.CANCELLED);
    assertThat(GrpcStatusMapper.cancelledByCaller("ExecSandbox").retryable()).isFalse();
  }

  @Test
  void transportFailuresAreUnavailableAndRetryable() {
    ShellbusException refused = GrpcStatusMapper.fromThrowable("Health", new ConnectException("Connection refused"), false, BUDGET_LEFT);
    assertThat(refused.code()).isEqualTo(FailureCode.GATEWAY_UNAVAILABLE);
    assertThat(refused.retryable()).isTrue();
    assertThat(((GatewayException) refused).status()).isEqualTo("UNAVAILABLE");
    ShellbusException closedMidExec = GrpcStatusMapper.fromThrowable("ExecSandbox", new HttpClosedException("closed"), true, BUDGET_LEFT);
    assertThat(closedMidExec.code()).isEqualTo(FailureCode.EXEC_INTERRUPTED);
  }

  @Test
  void vertxStatusExceptionsGoThroughTheTable() {
    ShellbusException invalid = GrpcStatusMapper.fromThrowable("GetSandbox", new InvalidStatusException(GrpcStatus.OK, GrpcStatus.NOT_FOUND), false, BUDGET_LEFT);
    assertThat(invalid.code()).isEqualTo(FailureCode.NOT_FOUND);
    ShellbusException reset = GrpcStatusMapper.fromThrowable("GetSandbox", new GrpcErrorException(GrpcError.UNAVAILABLE, GrpcStatus.UNAVAILABLE), false, BUDGET_LEFT);
    assertThat(reset.code()).isEqualTo(FailureCode.GATEWAY_UNAVAILABLE);
  }

  @Test
  void ourOwnExceptionsPassThrough() {
    ShellbusException mine = new ShellbusException(FailureCode.UNAUTHENTICATED, "token endpoint answered 401");
    assertThat(GrpcStatusMapper.fromThrowable("GetSandbox", mine, false, BUDGET_LEFT)).isSameAs(mine);
  }

  @Test
  void decodesPercentEncodedMessages() {
    assertThat(GrpcStatusMapper.decodeMessage("sandbox%20is%20not%20ready")).isEqualTo("sandbox is not ready");
    assertThat(GrpcStatusMapper.decodeMessage("caf%C3%A9 a+b")).isEqualTo("café a+b");
    assertThat(GrpcStatusMapper.decodeMessage("100%")).isEqualTo("100%");
    assertThat(GrpcStatusMapper.decodeMessage(null)).isNull();
  }
}

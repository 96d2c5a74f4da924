package dev.shellbus.devkit.gateway.exec;

import static dev.shellbus.devkit.gateway.exec.ExecHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.shellbus.gateway.v1.ExecSandboxEvent;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import io.vertx.core.Future;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The exec behaviour every isolation mode that runs real processes must show; one subclass per mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExecBehaviourContract {

  ExecHarness harness;

  abstract ExecOptions options();

  /** Returns the HOME and default cwd a command sees in {@code sandbox}. */
  abstract String home(ExecTarget sandbox);

  @BeforeAll
  void startHarness() throws Exception {
    harness = ExecHarness.start(options());
  }

  @AfterAll
  void stopHarness() throws Exception {
    harness.close();
  }

  @Test
  void stdoutAndStderrStreamSeparatelyAndExitComesLast() throws Exception {
    ExecResult result = harness.run(request(harness.sandbox(false, Map.of()), "bash", "-c",
        "echo out; echo err >&2; exit 3").build());
    assertThat(result.status()).isEqualTo(GrpcStatus.OK);
    assertThat(result.out()).isEqualTo("out\n");
    assertThat(result.err()).isEqualTo("err\n");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.eventsAfterExit()).isZero();
  }

  @Test
  void stdinIsWrittenThenClosed() throws Exception {
    ExecTarget sandbox = harness.sandbox(false, Map.of());
    ExecResult echoed = harness.run(request(sandbox, "cat").setStdin(ByteString.copyFromUtf8("hello\nworld")).build());
    assertThat(echoed.out()).isEqualTo("hello\nworld");
    ExecResult empty = harness.run(request(sandbox, "cat").build());
    assertThat(empty.exitCode()).isZero();
    assertThat(empty.stdout()).isEmpty();
  }

  @Test
  void environmentIsClearedThenSetFromSpecAndRequest() throws Exception {
    ExecTarget sandbox = harness.sandbox(false, Map.of("FROM_SPEC", "spec value"));
    ExecResult result = harness.run(request(sandbox, "env").putEnvironment("FROM_EXEC", "it's").build());
    assertThat(result.out().lines()).contains("OPENSHELL_SANDBOX=1", "HOME=" + home(sandbox), "USER=sandbox",
        "SHELL=/bin/bash", "TERM=dumb", "FROM_SPEC=spec value", "FROM_EXEC=it's");
    assertThat(result.out()).doesNotContain("JAVA_HOME").doesNotContain("MAVEN");
    ExecResult cwd = harness.run(request(sandbox, "pwd").build());
    assertThat(cwd.out().trim()).isEqualTo(home(sandbox));
  }

  @Test
  void argvIsNeverInterpretedByTheShell() throws Exception {
    ExecResult result = harness.run(request(harness.sandbox(false, Map.of()), "printf", "%s|", "$HOME", "a;b", "'q'",
        "", "x y", "ünï").build());
    assertThat(result.out()).isEqualTo("$HOME|a;b|'q'||x y|ünï|");
  }

  @Test
  void workdirIsEnteredFirst() throws Exception {
    ExecTarget sandbox = harness.sandbox(false, Map.of());
    harness.run(request(sandbox, "mkdir", "-p", "sub dir").build());
    ExecResult result = harness.run(request(sandbox, "pwd").setWorkdir(home(sandbox) + "/sub dir").build());
    assertThat(result.out().trim()).isEqualTo(home(sandbox) + "/sub dir");
  }

  @Test
  void exitCodesAreReportedAsBashWould() throws Exception {
    ExecTarget sandbox = harness.sandbox(false, Map.of());
    assertThat(harness.run(request(sandbox, "true").build()).exitCode()).isZero();
    assertThat(harness.run(request(sandbox, "bash", "-c", "exit 255").build()).exitCode()).isEqualTo(255);
    assertThat(harness.run(request(sandbox, "bash", "-c", "kill -9 $$").build()).exitCode()).isEqualTo(137);
    assertThat(harness.run(request(sandbox, "no-such-command-here").build()).exitCode()).isEqualTo(127);
  }

  @Test
  void checksAnswerInTheGatewaysOrder() throws Exception {
    ExecTarget sandbox = harness.sandbox(false, Map.of());
    assertThat(harness.run(ExecSandboxRequest.newBuilder().addCommand("true").build()).status())
        .isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(harness.run(request(sandbox).build()).status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    ExecResult reserved = harness.run(request(sandbox, "true").putEnvironment("OPENSHELL_X", "1").build());
    assertThat(reserved.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    ExecResult missing = harness.run(ExecSandboxRequest.newBuilder().setSandboxId("nope").addCommand("x").build());
    assertThat(missing.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(missing.message()).isEqualTo("sandbox not found");
    ExecResult notReady = harness.run(request(harness.provisioning(), "true").build());
    assertThat(notReady.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(notReady.message()).isEqualTo("sandbox is not ready");
    ExecSandboxRequest.Builder longCommand = request(sandbox);
    for (int i = 0; i < 9; i++) {
      longCommand.addCommand("x".repeat(32 * 1024));
    }
    assertThat(harness.run(longCommand.build()).status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  void requestsOverOneMibAreOutOfRange() throws Exception {
    ExecResult result = harness.run(request(harness.sandbox(false, Map.of()), "cat")
        .setStdin(ByteString.copyFrom(new byte[1024 * 1024])).build());
    assertThat(result.status()).isEqualTo(GrpcStatus.OUT_OF_RANGE);
    assertThat(result.message()).startsWith("Error, decoded message length too large");
  }

  @Test
  void timeoutAnswers124AndKillsTheWholeTree() throws Exception {
    String marker = Processes.marker();
    long start = System.nanoTime();
    ExecResult result = harness.run(request(harness.sandbox(false, Map.of()), "bash", "-c",
        "echo started; sleep " + marker + " & sleep " + marker + " & wait").setTimeoutSeconds(1).build());
    assertThat(result.status()).isEqualTo(GrpcStatus.OK);
    assertThat(result.exitCode()).isEqualTo(124);
    assertThat(result.out()).isEqualTo("started\n");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
    assertThat(Processes.within(5_000, () -> Processes.withMarker(marker).isEmpty())).isTrue();
  }

  @Test
  void clientCancelKillsTheProcess() throws Exception {
    String marker = Processes.marker();
    GrpcClientRequest<ExecSandboxRequest, ExecSandboxEvent> call = harness.call().await(10, TimeUnit.SECONDS);
    call.end(request(harness.sandbox(false, Map.of()), "sleep", marker).build());
    assertThat(Processes.within(10_000, () -> !Processes.withMarker(marker).isEmpty())).isTrue();
    call.cancel();
    assertThat(Processes.within(5_000, () -> Processes.withMarker(marker).isEmpty())).isTrue();
  }

  @Test
  void execsLeadTheirOwnSessionSoATerminalInterruptToTheGatewayMissesThem() throws Exception {
    String marker = Processes.marker();
    GrpcClientRequest<ExecSandboxRequest, ExecSandboxEvent> call = harness.call().await(10, TimeUnit.SECONDS);
    call.end(request(harness.sandbox(false, Map.of()), "sleep", marker).build());
    try {
      assertThat(Processes.within(10_000, () -> Processes.runs("sleep", marker))).isTrue();
      long self = ProcessHandle.current().pid();
      ProcessTree.Group gateway = ProcessTree.groupOf(self).orElseThrow();
      List<Long> launched = Processes.withMarker(marker);
      assertThat(launched).as("the gateway's own child is among the exec's processes")
          .anyMatch(pid -> ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
              .filter(parent -> parent == self).isPresent());
      for (long pid : launched) {
        ProcessTree.groupOf(pid).ifPresent(group -> {
          assertThat(group.processGroup()).as("process group of %d", pid).isNotEqualTo(gateway.processGroup());
          assertThat(group.session()).as("session of %d", pid).isNotEqualTo(gateway.session());
        });
      }
    } finally {
      call.cancel();
    }
    assertThat(Processes.within(5_000, () -> Processes.withMarker(marker).isEmpty())).isTrue();
  }

  @Test
  void clientDeadlineKillsTheProcess() throws Exception {
    String marker = Processes.marker();
    GrpcClientRequest<ExecSandboxRequest, ExecSandboxEvent> call = harness.call().await(10, TimeUnit.SECONDS);
    call.timeout(1500, TimeUnit.MILLISECONDS);
    call.end(request(harness.sandbox(false, Map.of()), "sleep", marker).build());
    assertThat(Processes.within(10_000, () -> !Processes.withMarker(marker).isEmpty())).isTrue();
    assertThat(Processes.within(8_000, () -> Processes.withMarker(marker).isEmpty())).isTrue();
  }

  @Test
  void deletingTheSandboxKillsItsExecsAndBreaksTheirStreams() throws Exception {
    String marker = Processes.marker();
    ExecTarget sandbox = harness.sandbox(false, Map.of());
    var pending = harness.call().compose(req -> {
      Future<ExecResult> result = req.response().compose(ExecHarness::collect);
      req.end(request(sandbox, "sleep", marker).build());
      return result;
    });
    assertThat(Processes.within(10_000, () -> !Processes.withMarker(marker).isEmpty())).isTrue();
    harness.exec.onDeleted(sandbox.id());
    ExecResult result = pending.await(10, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(result.message()).isEqualTo(EventSink.RELAY_CLOSED);
    assertThat(result.exitCode()).isNull();
    assertThat(Processes.within(5_000, () -> Processes.withMarker(marker).isEmpty())).isTrue();
  }
}

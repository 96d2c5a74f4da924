package dev.shellbus.devkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import com.google.protobuf.ByteString;
import dev.shellbus.gateway.v1.ExecSandboxInput;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.StopSandboxRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ExecSandbox (contract 4.7): output streams, exit codes, stdin, argv quoting, environment and workdir, the checks
 * before the stream opens, and the timeout. Runs in the suite's shared READY sandbox.
 */
@GatewayConformance
class ExecConformanceIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private ConformanceGateway gateway;
  private GatewayCalls calls;
  private SandboxTracker sandboxes;
  private SandboxTracker held;
  private Sandbox shared;

  @BeforeAll
  void setUp(ConformanceGateway gateway) {
    this.gateway = gateway;
    this.calls = gateway.calls();
    this.sandboxes = gateway.tracker("ex");
    this.held = gateway.tracker(ConformanceGateway.HELD_PREFIX);
    this.shared = gateway.sharedSandbox();
  }

  @AfterAll
  void deleteSandboxes() {
    sandboxes.close();
    held.close();
  }

  @Test
  void stdoutAndStderrArriveSeparatelyAndTheExitEventComesLast() {
    ExecOutcome outcome = run("bash", "-c", "printf conformance-out; printf conformance-err >&2; exit 3");

    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.out()).as("login-shell profile output may come first").endsWith("conformance-out");
    assertThat(outcome.err()).endsWith("conformance-err").doesNotContain("conformance-out");
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.exitEvents()).as("exactly one exit event").isEqualTo(1);
    assertThat(outcome.eventsAfterExit()).as("nothing after the exit event").isZero();
  }

  @Test
  void withTtyStderrArrivesOnStdout() {
    ExecOutcome outcome = calls.exec(request("bash", "-c", "printf conformance-tty-err >&2").setTty(true).build(),
        DEADLINE);

    assertExit(outcome, 0);
    assertThat(outcome.out()).contains("conformance-tty-err");
    assertThat(outcome.stderrBytes()).isZero();
  }

  @Test
  void exitCodesZeroAndThreeAreReported() {
    assertExit(run("true"), 0);
    assertExit(run("bash", "-c", "exit 3"), 3);
  }

  @Test
  void aCommandKilledByASignalReportsOneOr128PlusTheSignal() {
    ExecOutcome outcome = run("bash", "-c", "kill -KILL $$");

    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.exitCode()).as("contract 4.7: 1 from the supervisor, 128+9 when bash stays the parent")
        .isIn(1, 137);
  }

  @Test
  void aChildKilledByASignalUnderBashIsReportedAs128PlusTheSignal() {
    assertExit(run("bash", "-c", "bash -c 'kill -TERM $$'; exit $?"), 143);
  }

  @Test
  void stdinBytesArriveIntactThenEndOfFile() throws Exception {
    byte[] data = new byte[1_000_000];
    new Random(7).nextBytes(data);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));

    ExecOutcome outcome = calls.exec(request("sha256sum").setStdin(ByteString.copyFrom(data)).build(), DEADLINE);

    assertExit(outcome, 0);
    assertThat(outcome.out()).endsWith(expected + "  -\n");
  }

  @Test
  void emptyStdinIsEndOfFileAtOnce() {
    ExecOutcome outcome = run("bash", "-c", "cat; echo after-eof");

    assertExit(outcome, 0);
    assertThat(outcome.out()).endsWith("after-eof\n");
  }

  @Test
  void argvIsQuotedSoNoShellInterpretsIt() {
    ExecOutcome outcome = run("printf", "%s|", "$HOME", "a;b", "it's", "", "x  y", "*", "$(id)");

    assertExit(outcome, 0);
    assertThat(outcome.out()).endsWith("$HOME|a;b|it's||x  y|*|$(id)|");
  }

  @Test
  void environmentFromTheRequestAndFromTheSpecReachesTheCommand() {
    ExecOutcome outcome = calls.exec(request("env").putEnvironment("CONFORMANCE_EXEC_ENV", "it's a value")
        .build(), DEADLINE);

    assertExit(outcome, 0);
    assertThat(outcome.out().lines()).contains("CONFORMANCE_EXEC_ENV=it's a value",
        "CONFORMANCE_SPEC_ENV=" + ConformanceGateway.SHARED_SPEC_ENV, "OPENSHELL_SANDBOX=1", "SHELL=/bin/bash",
        "TERM=dumb");
  }

  @Test
  void reservedOrMalformedEnvironmentKeysAreInvalid() {
    for (String key : List.of("OPENSHELL_CONFORMANCE", "1STARTS_WITH_DIGIT", "HAS-DASH", "")) {
      ExecOutcome outcome = calls.exec(request("true").putEnvironment(key, "x").build(), DEADLINE);
      assertThat(outcome.status()).as("key '" + key + "': " + outcome).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
      assertThat(outcome.exitCode()).isNull();
    }
  }

  @Test
  void workdirIsEnteredBeforeTheCommandRuns() {
    String home = run("pwd").out().lines().reduce((first, second) -> second).orElseThrow();
    String dir = home + "/conformance wd " + UUID.randomUUID();
    assertExit(run("mkdir", "-p", dir), 0);

    ExecOutcome outcome = calls.exec(request("pwd").setWorkdir(dir).build(), DEADLINE);

    assertExit(outcome, 0);
    assertThat(outcome.out()).endsWith(dir + "\n");
    assertExit(run("rm", "-rf", dir), 0);
  }

  @Test
  void anEmptySandboxIdOrCommandIsInvalid() {
    ExecOutcome noId = calls.exec(ExecSandboxRequest.newBuilder().addCommand("true").build(), DEADLINE);
    ExecOutcome noCommand = calls.exec(request().build(), DEADLINE);

    assertThat(noId.status()).as(noId.toString()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(noCommand.status()).as(noCommand.toString()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  void execOnAnUnknownSandboxIsNotFound() {
    ExecSandboxRequest unknown = ExecSandboxRequest.newBuilder().setSandboxId(UUID.randomUUID().toString())
        .addCommand("true").build();

    ExecOutcome exec = calls.exec(unknown, DEADLINE);
    ExecOutcome interactive = calls.interactive(List.of(ExecSandboxInput.newBuilder().setStart(unknown).build()),
        new byte[0], DEADLINE);

    assertThat(exec.status()).as(exec.toString()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(interactive.status()).as(interactive.toString()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  void execOnAProvisioningSandboxIsFailedPrecondition() {
    Sandbox created = held.create(held.request());
    ExecSandboxRequest request = ExecSandboxRequest.newBuilder().setSandboxId(created.getMetadata().getId())
        .addCommand("true").build();

    ExecOutcome exec = calls.exec(request, DEADLINE);

    if (!gateway.holdsProvisioning() && exec.status() == GrpcStatus.OK) {
      abort("the sandbox became READY before the exec arrived, so the gateway's answer to a PROVISIONING sandbox"
          + " was not observed");
    }
    assertThat(exec.status()).as(exec.toString()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(exec.statusMessage()).contains("not ready");
    if (gateway.holdsProvisioning()) {
      assertThat(held.get(created.getMetadata().getName()).getStatus().getPhase())
          .isEqualTo(SandboxPhase.SANDBOX_PHASE_PROVISIONING);
    }
  }

  @Test
  void execOnAStoppedSandboxIsFailedPrecondition() {
    Sandbox ready = sandboxes.createReady(sandboxes.request());
    Sandbox stopped = calls.call(OpenShellGrpcClient.StopSandbox, StopSandboxRequest.newBuilder()
        .setName(ready.getMetadata().getName()).setWorkspace(gateway.settings().workspace()).build()).getSandbox();
    assertThat(stopped.getStatus().getPhase()).as("StopSandbox returns once compute stopped")
        .isEqualTo(SandboxPhase.SANDBOX_PHASE_STOPPED);
    ExecSandboxRequest request = ExecSandboxRequest.newBuilder().setSandboxId(ready.getMetadata().getId())
        .addCommand("true").build();

    ExecOutcome exec = calls.exec(request, DEADLINE);
    ExecOutcome interactive = calls.interactive(List.of(ExecSandboxInput.newBuilder().setStart(request).build()),
        new byte[0], DEADLINE);

    assertThat(exec.status()).as(exec.toString()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(exec.statusMessage()).contains("not ready");
    assertThat(exec.exitCode()).isNull();
    assertThat(interactive.status()).as(interactive.toString()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
  }

  @Test
  void execTimeoutAnswersExit124WithOkStatus() {
    ExecOutcome outcome = calls.exec(request("bash", "-c", "echo started; sleep 30").setTimeoutSeconds(1).build(),
        DEADLINE);

    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.exitCode()).isEqualTo(124);
    assertThat(outcome.exitEvents()).isEqualTo(1);
    assertThat(outcome.out()).endsWith("started\n");
  }

  private ExecSandboxRequest.Builder request(String... argv) {
    return ExecSandboxRequest.newBuilder().setSandboxId(shared.getMetadata().getId()).addAllCommand(List.of(argv));
  }

  private ExecOutcome run(String... argv) {
    return calls.exec(request(argv).build(), DEADLINE);
  }

  private static void assertExit(ExecOutcome outcome, int code) {
    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(code);
  }
}

package dev.shellbus.devkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.Sandbox;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a sandbox with the default policy promises (contract 3.7, 4.7 and 8.13): an unprivileged user, writes only to
 * the workdir and {@code /tmp}, no egress. Skipped, with the reason, when the dev gateway cannot isolate commands
 * here: they would run as plain host processes, and probing writes to {@code /usr} would touch the host.
 */
@GatewayConformance
class ExecIsolationConformanceIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private GatewayCalls calls;
  private Sandbox shared;

  @BeforeAll
  void setUp(ConformanceGateway gateway) {
    assumeTrue(gateway.isolationMissing().isEmpty(), () -> "exec isolation is not available, so its cases cannot"
        + " run: " + gateway.isolationMissing().orElse(""));
    calls = gateway.calls();
    shared = gateway.sharedSandbox();
  }

  @Test
  void commandsRunAsAnUnprivilegedUser() {
    ExecOutcome outcome = run("id", "-u");

    assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
    assertThat(outcome.out().trim()).isNotEqualTo("0");
  }

  @Test
  void writesOutsideTheWorkdirAndTmpAreRefused() {
    String probe = "conformance-probe-" + UUID.randomUUID();

    for (String dir : List.of("/usr", "/etc", "/")) {
      ExecOutcome outcome = run("bash", "-c", "echo x > '" + dir + "/" + probe + "'");
      assertThat(outcome.status()).as(outcome.toString()).isEqualTo(GrpcStatus.OK);
      assertThat(outcome.exitCode()).as("writing into " + dir + ": " + outcome).isNotZero();
    }
    ExecOutcome allowed = run("bash", "-c", "echo x > ./" + probe + " && echo x > /tmp/" + probe + " && rm ./" + probe
        + " /tmp/" + probe);
    assertThat(allowed.exitCode()).as("writing into the workdir and /tmp: " + allowed).isZero();
  }

  @Test
  void thereIsNoEgressByDefault() {
    ExecOutcome outcome = run("timeout", "10", "bash", "-c", "exec 3<>/dev/tcp/1.1.1.1/443");

    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.exitCode()).as("a direct connection out of the sandbox: " + outcome).isNotZero();
  }

  private ExecOutcome run(String... argv) {
    return calls.exec(ExecSandboxRequest.newBuilder().setSandboxId(shared.getMetadata().getId())
        .addAllCommand(List.of(argv)).build(), DEADLINE);
  }
}

package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.transfer.ExecLauncher;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An attempt whose fence is up touches no sandbox: no exec, no kill, no create, no delete reach the gateway. */
class FenceTest {
  private static final Duration BUDGET = Duration.ofSeconds(30);
  private final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private RequestEngine raw() {
    return new RequestEngine(h.vertx, h.gateway, h.store, EngineHarness.CONFIG, RetryRunner.ONCE);
  }

  @Test
  void aFencedExecIsRefusedWithoutCallingTheGateway() {
    ExecLauncher launcher = new ExecLauncher(h.gateway, 3);
    ExecLauncher.Observer fenced = new ExecLauncher.Observer() {
      @Override
      public Optional<String> fenced() {
        return Optional.of("partition 2 was revoked");
      }
    };
    SandboxHandle sandbox = new SandboxHandle("id-1", "sb-1", "default");
    Deadline deadline = Deadline.in(BUDGET);
    for (Future<?> call : List.of(launcher.exec(sandbox, ExecSpec.of("true"), deadline, fenced),
        launcher.interactive(sandbox, ExecSpec.of("tar", "x"), deadline, fenced))) {
      assertThat(call.failed()).isTrue();
      assertThat(call.cause()).isInstanceOfSatisfying(ShellbusException.class, e -> {
        assertThat(e.code()).isEqualTo(FailureCode.INTERRUPTED);
        assertThat(e.getMessage()).contains("fenced").contains("partition 2 was revoked");
      });
    }
    assertThat(h.gateway.calls).isEmpty();
  }

  @Test
  void aSessionExecFencedBeforeItsCommandRunsNothingAndFailsInterrupted() {
    Outcome opened = h.await(h.engine.openSession(new Requests.OpenSession(session("open-1", "s1", BUDGET),
        SandboxOptions.defaults(), Duration.ofMinutes(15), List.of(), Optional.empty())));
    assertThat(opened.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    int before = h.gateway.calls.size();
    AtomicReference<String> fence = new AtomicReference<>();
    EngineObserver observer = new EngineObserver() {
      @Override
      public void on(EngineEvent event) {
        if (event instanceof EngineEvent.StepStarted) {
          fence.set("partition 0 was reassigned");
        }
      }

      @Override
      public Optional<String> fenced() {
        return Optional.ofNullable(fence.get());
      }
    };
    Outcome outcome = h.await(raw().exec(new Requests.Exec(session("exec-1", "s1", BUDGET),
        StepSpec.of("ignored", "echo", "hi")), observer));
    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(FailureCode.INTERRUPTED));
    assertThat(h.gateway.calls).hasSize(before);
    assertThat(h.gateway.sandboxes()).hasSize(1);
  }

  @Test
  void aFencedJobCreatesNoSandbox() {
    EngineObserver fenced = new EngineObserver() {
      @Override
      public void on(EngineEvent event) {}

      @Override
      public Optional<String> fenced() {
        return Optional.of("no poll for 12 s");
      }
    };
    Outcome outcome = h.await(raw().runJob(new Requests.Job(EngineHarness.context("job-1", BUDGET),
        SandboxOptions.defaults(), List.of(), List.of(StepSpec.of("s", "echo", "hi")), List.of(), false), fenced));
    assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(outcome.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(FailureCode.INTERRUPTED));
    assertThat(h.gateway.sandboxes()).isEmpty();
  }
}

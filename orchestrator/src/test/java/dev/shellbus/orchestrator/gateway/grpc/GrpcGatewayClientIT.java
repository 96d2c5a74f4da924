package dev.shellbus.orchestrator.gateway.grpc;

import static dev.shellbus.orchestrator.gateway.grpc.GatewayItSupport.await;
import static dev.shellbus.orchestrator.gateway.grpc.GatewayItSupport.collect;
import static dev.shellbus.orchestrator.gateway.grpc.GatewayItSupport.failureOf;
import static dev.shellbus.orchestrator.gateway.grpc.GatewayItSupport.pump;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.DevGateway;
import dev.shellbus.devkit.gateway.DevGatewayOptions;
import dev.shellbus.devkit.gateway.FaultOptions;
import dev.shellbus.devkit.gateway.exec.ExecOptions;
import dev.shellbus.devkit.gateway.exec.Isolation;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecLimit;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.GatewayClient;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import dev.shellbus.orchestrator.gateway.auth.StaticTokenSource;
import dev.shellbus.orchestrator.gateway.auth.TokenSource;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import dev.shellbus.orchestrator.gateway.connect.GatewayDiscovery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * The gRPC client against a real gateway: the in-process dev gateway by default, or the gateway named
 * by {@code SHELLBUS_TEST_GATEWAY} (an endpoint URL or an OpenShell CLI gateway name), with {@code
 * SHELLBUS_TEST_GATEWAY_TOKEN} as its bearer token when set. Tests that need the dev gateway's
 * switches (auth, stuck sandboxes) are skipped against an external one.
 */
class GrpcGatewayClientIT {
  static final String EXTERNAL = "SHELLBUS_TEST_GATEWAY";
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  static Vertx vertx;
  static DevGateway dev;
  static GatewayClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Optional<String> external = Optional.ofNullable(System.getenv(EXTERNAL)).filter(s -> !s.isBlank());
    GatewayConnection connection;
    if (external.isPresent()) {
      connection = await(GatewayDiscovery.system(vertx).resolve(external));
    } else {
      dev = await(DevGateway.start(vertx, devOptions().faults(FaultOptions.builder().stuckProvisioning("stuck-.*")
          .mainProcessExit("exit-.*", Duration.ofMillis(100), 7).build()).build()));
      connection = GatewayConnection.of(dev.endpoint());
    }
    Optional<TokenSource> token = Optional.ofNullable(System.getenv("SHELLBUS_TEST_GATEWAY_TOKEN")).filter(s -> !s.isBlank()).map(StaticTokenSource::new);
    client = await(GrpcGatewayClient.connect(vertx, connection, token));
  }

  static DevGatewayOptions.Builder devOptions() {
    return DevGatewayOptions.builder()
        .readyDelay(Duration.ofMillis(200))
        .deleteDelay(Duration.ofMillis(100))
        .exec(ExecOptions.builder().isolation(Isolation.NONE).build());
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      await(client.close());
    }
    if (dev != null) {
      await(dev.stop());
    }
    await(vertx.close());
  }

  static SandboxCreateSpec spec(String name) {
    return new SandboxCreateSpec(name, "", "", Map.of(), Optional.empty(), List.of(), Optional.empty(), Map.of(), Optional.empty(),
        Map.of("shellbus.dev/managed", "true", "shellbus.dev/test-run", RUN));
  }

  static Deadline minute() {
    return Deadline.in(Duration.ofMinutes(1));
  }

  @Test
  void sandboxLifecycleFromCreateToDeleteAgain() throws Exception {
    String name = "it-" + RUN;
    SandboxInfo created = await(client.create(spec(name), minute()));
    assertThat(created.phase()).isIn(SandboxPhase.PROVISIONING, SandboxPhase.READY);
    SandboxHandle sandbox = created.handle();
    assertThat(sandbox.name()).isEqualTo(name);

    SandboxInfo ready = await(client.awaitReady(sandbox, minute()));
    assertThat(ready.phase()).isEqualTo(SandboxPhase.READY);

    GatewayItSupport.Output hi = await(client.exec(sandbox, ExecSpec.of("echo", "hi"), minute()).compose(GatewayItSupport::collect));
    assertThat(hi.stdout()).isEqualTo("hi\n");
    assertThat(hi.exit()).isZero();

    GatewayItSupport.Output three = await(client.exec(sandbox, ExecSpec.of("bash", "-c", "echo oops >&2; exit 3"), minute())
        .compose(GatewayItSupport::collect));
    assertThat(three.stderr()).isEqualTo("oops\n");
    assertThat(three.exit()).isEqualTo(3);

    byte[] payload = new byte[5 * 1024 * 1024];
    new Random(7).nextBytes(payload);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    GatewayItSupport.Output sum = await(client.execInteractive(sandbox, ExecSpec.of("sha256sum"), minute()).compose(call -> {
      Future<GatewayItSupport.Output> output = collect(call);
      pump(call.stdin(), payload);
      return output;
    }));
    assertThat(sum.exit()).isZero();
    assertThat(sum.stdout()).startsWith(expected);

    List<SandboxInfo> mine = await(client.list("", Map.of("shellbus.dev/test-run", RUN, "shellbus.dev/managed", "true"), minute()));
    assertThat(mine).extracting(SandboxInfo::handle).contains(sandbox);

    assertThat(await(client.delete(sandbox.workspace(), name, minute()))).isTrue();
    awaitGone(sandbox);
    assertThat(await(client.delete(sandbox.workspace(), name, minute()))).isFalse();
  }

  @Test
  void gatewayTimeoutIsExit124NotAnError() throws Exception {
    SandboxHandle sandbox = readySandbox("it124-" + RUN);
    ExecSpec sleepy = new ExecSpec(List.of("sleep", "30"), "", Map.of(), null, 1);
    GatewayItSupport.Output out = await(client.exec(sandbox, sleepy, minute()).compose(GatewayItSupport::collect));
    assertThat(out.exit()).isEqualTo(124);
    await(client.delete(sandbox.workspace(), sandbox.name(), minute()));
  }

  @Test
  void theCallReportsTheLimitItWasSentWithAndTheBudgetsCapFiresAsExit124() throws Exception {
    SandboxHandle sandbox = readySandbox("itlimit-" + RUN);
    ExecSpec ownTimeout = new ExecSpec(List.of("sleep", "30"), "", Map.of(), null, 1);
    ExecCall own = await(client.exec(sandbox, ownTimeout, minute()));
    assertThat(own.limit()).isEqualTo(new ExecLimit(1, ExecLimit.Kind.OWN_TIMEOUT));
    assertThat(await(GatewayItSupport.collect(own)).exit()).isEqualTo(124);

    ExecCall capped = await(client.exec(sandbox, ExecSpec.of("sleep", "30"), Deadline.in(Duration.ofSeconds(4))));
    assertThat(capped.limit()).isEqualTo(new ExecLimit(1, ExecLimit.Kind.REQUEST_DEADLINE));
    GatewayItSupport.Output out = await(GatewayItSupport.collect(capped));
    assertThat(out.exit()).isEqualTo(124);
    assertThat(capped.limit().endedBy(out.exit())).contains(ExecLimit.Kind.REQUEST_DEADLINE);
    await(client.delete(sandbox.workspace(), sandbox.name(), minute()));
  }

  @Test
  void pausedEventsStopDeliveryUntilResumed() throws Exception {
    SandboxHandle sandbox = readySandbox("itflow-" + RUN);
    ExecCall call = await(client.exec(sandbox, ExecSpec.of("head", "-c", "4000000", "/dev/zero"), minute()));
    long[] received = {0};
    call.events().handler(event -> {
      if (event instanceof dev.shellbus.orchestrator.gateway.ExecEvent.Stdout s) {
        received[0] += s.data().length();
        if (received[0] < 4_000_000) {
          call.events().pause();
        }
      }
    });
    Thread.sleep(300);
    long whilePaused = received[0];
    Thread.sleep(300);
    assertThat(received[0]).as("nothing is delivered while paused").isEqualTo(whilePaused).isLessThan(4_000_000);
    call.events().handler(null);
    call.events().handler(event -> {
      if (event instanceof dev.shellbus.orchestrator.gateway.ExecEvent.Stdout s) {
        received[0] += s.data().length();
      }
    });
    call.events().resume();
    assertThat(await(call.exit())).isZero();
    assertThat(received[0]).isEqualTo(4_000_000);
    await(client.delete(sandbox.workspace(), sandbox.name(), minute()));
  }

  @Test
  @DisabledIfEnvironmentVariable(named = EXTERNAL, matches = ".+")
  void aDeadlineThatPassesMidWaitFailsWithDeadlineExceeded() throws Exception {
    SandboxInfo created = await(client.create(spec("stuck-" + RUN), minute()));
    long started = System.nanoTime();
    Throwable failure = failureOf(client.awaitReady(created.handle(), Deadline.in(Duration.ofMillis(800))));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(failure).isInstanceOfSatisfying(ShellbusException.class, e -> {
      assertThat(e.code()).isEqualTo(FailureCode.DEADLINE_EXCEEDED);
      assertThat(e.retryable()).isFalse();
    });
    assertThat(took).isBetween(Duration.ofMillis(700), Duration.ofSeconds(5));
    await(client.delete(created.handle().workspace(), created.handle().name(), minute()));
  }

  @Test
  @DisabledIfEnvironmentVariable(named = EXTERNAL, matches = ".+")
  void aSandboxInErrorFailsTheWaitWithItsExitCode() throws Exception {
    SandboxInfo created = await(client.create(spec("exit-" + RUN), minute()));
    Deadline deadline = Deadline.in(Duration.ofSeconds(30));
    while (await(client.get("", created.handle().name(), minute())).phase() != SandboxPhase.ERROR && !deadline.expired()) {
      Thread.sleep(50);
    }
    Throwable failure = failureOf(client.awaitReady(created.handle(), minute()));
    assertThat(failure).isInstanceOfSatisfying(ShellbusException.class, e -> {
      assertThat(e.code()).isEqualTo(FailureCode.SANDBOX_FAILED);
      assertThat(e.getMessage()).contains("ERROR", "exit code 7");
    });
    await(client.delete(created.handle().workspace(), created.handle().name(), minute()));
  }

  @Test
  void unknownSandboxAndNotReadyAreMappedErrors() throws Exception {
    Throwable missing = failureOf(client.get("", "no-such-" + RUN, minute()));
    assertThat(((ShellbusException) missing).code()).isEqualTo(FailureCode.NOT_FOUND);
    SandboxInfo created = await(client.create(spec("nr-" + RUN), minute()));
    if (created.phase() == SandboxPhase.PROVISIONING) {
      Throwable notReady = failureOf(client.exec(created.handle(), ExecSpec.of("true"), minute()));
      assertThat(((ShellbusException) notReady).code()).isIn(FailureCode.SANDBOX_NOT_READY, FailureCode.NOT_FOUND);
    }
    await(client.delete(created.handle().workspace(), created.handle().name(), minute()));
  }

  static SandboxHandle readySandbox(String name) throws Exception {
    SandboxInfo created = await(client.create(spec(name), minute()));
    return await(client.awaitReady(created.handle(), minute())).handle();
  }

  static void awaitGone(SandboxHandle sandbox) throws Exception {
    Deadline deadline = Deadline.in(Duration.ofSeconds(30));
    while (!deadline.expired()) {
      Throwable failure = failureOfOrNull(client.get(sandbox.workspace(), sandbox.name(), minute()));
      if (failure instanceof ShellbusException e && e.code() == FailureCode.NOT_FOUND) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("sandbox " + sandbox.name() + " was not removed");
  }

  private static Throwable failureOfOrNull(Future<?> f) throws Exception {
    try {
      await(f);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }
}

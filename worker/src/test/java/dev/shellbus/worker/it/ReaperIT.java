package dev.shellbus.worker.it;

import static dev.shellbus.worker.it.Requests.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.FaultOptions;
import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.engine.SandboxLabels;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.worker.ReaperMain;
import dev.shellbus.worker.Worker;
import dev.shellbus.worker.reaper.Reaper;
import io.vertx.grpc.common.GrpcStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reaper on the embedded broker, S3 server and dev gateway: each rule end to end, receipts, the lease. */
@ExtendWith({KafkaExtension.class, S3Extension.class})
class ReaperIT {

  @Test
  void anIdleSessionIsReapedWithBothReceiptsWhileASessionInUseSurvives(@BootstrapServers String bootstrap,
      S3Service s3) throws Exception {
    try (World world = new World(bootstrap, s3); Reapers reapers = new Reapers(world)) {
      world.start("reap-w1");
      world.send(openWithTtl("open-idle", "idle", 10));
      world.send(openWithTtl("open-busy", "busy", 10));
      assertThat(world.outputs().awaitResult("open-idle").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
      assertThat(world.outputs().awaitResult("open-busy").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
      reapers.start("reaper-1", b -> b);
      long opened = System.nanoTime();
      int call = 0;
      while (!sessionSandboxes(world, "idle").isEmpty()) {
        assertThat(Duration.ofNanos(System.nanoTime() - opened)).as("idle session still there")
            .isLessThan(Duration.ofSeconds(60));
        String id = "busy-call-" + call++;
        world.send(Requests.exec(id, "busy", "echo", "still here"));
        assertThat(world.outputs().awaitResult(id).getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
        Thread.sleep(2000);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - opened)).as("reaped after its 10 s idle TTL")
          .isGreaterThanOrEqualTo(Duration.ofSeconds(9));
      assertThat(sessionSandboxes(world, "busy")).as("the session in use").hasSize(1);

      LifecycleEvent receipt = awaitReceipt(world, "open-idle", LifecycleType.SESSION_EXPIRED);
      assertThat(receipt.getSessionId()).isEqualTo("idle");
      assertThat(receipt.getReason()).startsWith("session-idle: session idle idle for");
      assertThat(receipt.getAttributes()).containsEntry("reap.rule", "session-idle").containsKey("sandbox.age_ms");
      assertThat(receipt.getSandboxName()).isNotBlank();
      AuditEvent audit = awaitAudit(world, receipt.getSandboxName());
      assertThat(audit.getActor().getPrincipal()).isEqualTo("shellbus-reaper");
      assertThat(audit.getActor().getTenant()).isEqualTo("acme");
      assertThat(audit.getApiOperation()).isEqualTo("DeleteSandbox");
      assertThat(audit.getMessage()).contains("session-idle");
      assertThat(world.outputs().lifecycleOf("open-busy")).extracting(LifecycleEvent::getType)
          .doesNotContain(LifecycleType.SESSION_EXPIRED, LifecycleType.REAPED);

      world.send(Requests.exec("late-call", "idle", "echo", "too late"));
      var late = world.outputs().awaitResult("late-call");
      assertThat(late.getStatus()).isEqualTo(ResultStatus.FAILED);
      assertThat(late.getError().getCode()).isEqualTo("SESSION_EXPIRED");
      assertThat(late.getError().getMessage()).contains("session-idle");
    }
  }

  @Test
  void afterAWorkerDiesEveryShellbusSandboxGoesWithAReceiptAndNoOtherIsTouched(@BootstrapServers String bootstrap,
      S3Service s3) throws Exception {
    try (World world = new World(bootstrap, s3); Reapers reapers = new Reapers(world)) {
      SandboxInfo foreign = Waits.result(world.client.create(new SandboxCreateSpec("not-ours", "", "", Map.of(),
          Optional.empty(), List.of(), Optional.empty(), Map.of(), Optional.empty(), Map.of("team", "other")),
          Deadline.in(Duration.ofSeconds(10))));
      SandboxInfo lost = Waits.result(world.client.create(new SandboxCreateSpec("lost-1", "", "", Map.of(),
          Optional.empty(), List.of(), Optional.empty(), Map.of(), Optional.empty(), Map.of(SandboxLabels.MANAGED,
          "true", SandboxLabels.REQUEST, "lost-request", SandboxLabels.TENANT, "acme", SandboxLabels.KIND, "job",
          SandboxLabels.ATTEMPT, "1", SandboxLabels.WORKER, "gone")), Deadline.in(Duration.ofSeconds(10))));
      Worker worker = world.start("reap-w2");
      world.send(openWithTtl("open-orphan", "orphan", 10));
      world.send(kept("kept-job", 2));
      assertThat(world.outputs().awaitResult("open-orphan").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
      assertThat(world.outputs().awaitResult("kept-job").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
      assertThat(world.managedSandboxes()).hasSize(3);
      world.crash(worker);

      reapers.start("reaper-2", b -> b.set("reaper.leftover-age", "5s"));
      Waits.until("every shellbus sandbox is reaped", Duration.ofSeconds(90),
          () -> world.managedSandboxes().isEmpty(), () -> world.managedSandboxes().stream()
              .map(s -> s.handle().name() + " " + s.labels()).toList());
      assertThat(awaitReceipt(world, "open-orphan", LifecycleType.SESSION_EXPIRED).getReason())
          .startsWith("session-idle:");
      assertThat(awaitReceipt(world, "kept-job", LifecycleType.REAPED).getReason()).startsWith("keep-ttl:");
      assertThat(awaitReceipt(world, "lost-request", LifecycleType.REAPED).getReason()).startsWith("leftover:");
      awaitAudit(world, lost.handle().name());
      for (String id : List.of("open-orphan", "kept-job")) {
        String name = world.outputs().lifecycleOf(id).stream().map(LifecycleEvent::getSandboxName)
            .filter(n -> n != null).findFirst().orElseThrow();
        awaitAudit(world, name);
      }
      assertThat(Waits.result(world.client.get("", foreign.handle().name(), Deadline.in(Duration.ofSeconds(10))))
          .handle().name()).as("a sandbox without shellbus labels").isEqualTo("not-ours");
    }
  }

  @Test
  void aDeleteTheGatewayRefusesIsRetriedUntilTheSandboxIsGone(@BootstrapServers String bootstrap, S3Service s3) {
    try (World world = new World(bootstrap, s3); Reapers reapers = new Reapers(world)) {
      world.start("reap-w3");
      world.send(kept("refused", 1));
      assertThat(world.outputs().awaitResult("refused").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
      world.gateway.faults(FaultOptions.builder().error("DeleteSandbox", 1.0, GrpcStatus.UNAVAILABLE, "injected")
          .build());
      Reaper reaper = reapers.start("reaper-3", b -> b);
      Waits.until("the reaper's delete failed three times", () -> reapers.registry
          .find("shellbus.reaper.delete.failures").counter().count() >= 3, () -> world.managedSandboxes());
      assertThat(world.managedSandboxes()).as("still there while deletes are refused").hasSize(1);
      assertThat(world.outputs().lifecycleOf("refused")).extracting(LifecycleEvent::getType)
          .as("no receipt before the delete worked").doesNotContain(LifecycleType.REAPED);
      world.gateway.faults(FaultOptions.none());
      world.awaitNoSandboxes();
      awaitReceipt(world, "refused", LifecycleType.REAPED);
      assertThat(world.outputs().lifecycleOf("refused").stream().filter(e -> e.getType() == LifecycleType.REAPED))
          .as("one receipt").hasSize(1);
      assertThat(reaper.active()).isTrue();
    }
  }

  @Test
  void aStandbyReaperTakesOverWhenTheActiveOneDies(@BootstrapServers String bootstrap, S3Service s3) {
    try (World world = new World(bootstrap, s3); Reapers reapers = new Reapers(world)) {
      Reaper a = reapers.start("reaper-a", b -> b);
      Reaper b = reapers.start("reaper-b", x -> x);
      Waits.until("one reaper is active", () -> a.active() ^ b.active(), () -> a.active() + " " + b.active());
      Reaper active = a.active() ? a : b;
      Reaper standby = active == a ? b : a;
      Waits.result(active.crash());
      long crashed = System.nanoTime();
      Waits.until("the standby takes the lease", Duration.ofSeconds(60), standby::active, () -> "passive");
      System.out.printf("reaper takeover after a crash: %d ms (lease timeout 6 s)%n",
          (System.nanoTime() - crashed) / 1_000_000);

      world.start("reap-w4");
      world.send(kept("after-takeover", 1));
      assertThat(world.outputs().awaitResult("after-takeover").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
      world.awaitNoSandboxes();
      awaitReceipt(world, "after-takeover", LifecycleType.REAPED);
    }
  }

  private static SandboxRequest openWithTtl(String id, String session, int ttlSeconds) {
    return Requests.envelope(id, Duration.ofMinutes(2)).setBody(OpenSession.newBuilder().setSessionId(session)
        .setSpec(Requests.spec()).setIdleTtlSeconds(ttlSeconds).build()).build();
  }

  /** A keep_sandbox job whose sandbox may stay {@code ttlSeconds} after it ended. */
  private static SandboxRequest kept(String id, int ttlSeconds) {
    return Requests.envelope(id, Duration.ofMinutes(2)).setBody(RunJob.newBuilder().setSpec(Requests.spec())
        .setSteps(List.of(step("hi", "echo", id))).setKeepSandbox(true).setKeepSandboxTtlSeconds(ttlSeconds)
        .build()).build();
  }

  private static List<SandboxInfo> sessionSandboxes(World world, String session) {
    return world.managedSandboxes().stream().filter(s -> session.equals(s.labels().get(SandboxLabels.SESSION)))
        .toList();
  }

  private static LifecycleEvent awaitReceipt(World world, String requestId, LifecycleType type) {
    Waits.until(type + " receipt of " + requestId, () -> world.outputs().lifecycleOf(requestId).stream()
        .anyMatch(e -> e.getType() == type), () -> world.outputs().lifecycleOf(requestId).stream()
        .map(e -> e.getType() + " " + e.getReason()).toList());
    return world.outputs().lifecycleOf(requestId).stream().filter(e -> e.getType() == type).findFirst().orElseThrow();
  }

  private static AuditEvent awaitAudit(World world, String sandboxName) {
    Waits.until("audit receipt of " + sandboxName, () -> reapAudit(world, sandboxName).isPresent(),
        () -> world.outputs().audit().stream().map(AuditEvent::getMessage).toList());
    return reapAudit(world, sandboxName).orElseThrow();
  }

  private static Optional<AuditEvent> reapAudit(World world, String sandboxName) {
    return world.outputs().audit().stream().filter(a -> sandboxName.equals(a.getSandboxName())
        && "shellbus-reaper".equals(a.getActor().getPrincipal())).findFirst();
  }

  /** Reapers of one world, each on its own Vert.x instance, with short intervals and grace. */
  static final class Reapers implements AutoCloseable {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final World world;
    private final List<Vertx> vertxes = new ArrayList<>();
    private final List<Reaper> started = new ArrayList<>();

    Reapers(World world) {
      this.world = world;
    }

    Reaper start(String id, UnaryOperator<dev.shellbus.worker.config.WorkerConfig.Builder> tune) {
      Vertx vertx = Vertx.vertx();
      vertxes.add(vertx);
      var config = tune.apply(world.config(id).set("reaper.interval", "500ms").set("reaper.grace", "1s")
          .set("reaper.leftover-age", "1m").set("reaper.lease-timeout", "6s")
          .set("reaper.group-id", world.prefix + "reapers")
          .set("kafka.topics.reaper-lease", world.prefix + "reaper-lease")).build();
      Reaper reaper = Waits.result(ReaperMain.start(vertx, config, registry, false));
      started.add(reaper);
      return reaper;
    }

    @Override
    public void close() {
      for (Reaper r : started) {
        try {
          Waits.result(r.stop());
        } catch (AssertionError | RuntimeException e) {
          // crashed already
        }
      }
      vertxes.forEach(v -> Waits.result(v.close()));
    }
  }
}

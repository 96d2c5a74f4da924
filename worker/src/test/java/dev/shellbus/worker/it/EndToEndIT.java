package dev.shellbus.worker.it;

import static dev.shellbus.worker.it.Requests.inline;
import static dev.shellbus.worker.it.Requests.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests end to end on real parts: embedded Kafka, embedded S3, the dev gateway and one worker. */
@ExtendWith({KafkaExtension.class, S3Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndIT {

  private World world;
  private Worker worker;

  @BeforeAll
  void start(@BootstrapServers String bootstrap, S3Service s3) {
    world = new World(bootstrap, s3);
    worker = world.start("e2e-1");
  }

  @AfterAll
  void stop() {
    world.close();
  }

  @Test
  void batchJobStoresArtifactsAndReportsEverything() {
    long sent = System.nanoTime();
    world.send(Requests.job("job-artifacts", Duration.ofMinutes(2), List.of(inline("/sandbox/in/data.txt", "hello")),
        List.of(step("copy", "sh", "-c", "mkdir -p /sandbox/out && tr a-z A-Z < /sandbox/in/data.txt > "
            + "/sandbox/out/upper.txt && echo copied"), step("list", "ls", "/sandbox/out")),
        List.of("/sandbox/out/upper.txt", "/sandbox/in")));
    SandboxResult result = world.outputs().awaitResult("job-artifacts");
    System.out.println("[shellbus figures] job with artifacts submit-to-result "
        + Duration.ofNanos(System.nanoTime() - sent).toMillis() + " ms");
    assertThat(result.getStatus()).as(String.valueOf(result.getError())).isEqualTo(ResultStatus.SUCCEEDED);
    assertThat(result.getSteps()).hasSize(2).allSatisfy(s -> assertThat(s.getExitCode()).isZero());
    assertThat(Requests.stdout(result.getSteps().get(0))).isEqualTo("copied\n");
    assertThat(result.getArtifacts()).hasSize(2).allSatisfy(a -> {
      assertThat(a.getSha256()).hasSize(64);
      assertThat(a.getUri()).startsWith("s3://" + world.s3.bucket() + "/");
    });
    assertThat(result.getArtifacts().get(0).getSize()).isEqualTo(5);
    assertThat(result.getWorkerId()).isEqualTo("e2e-1");
    assertThat(result.getSandboxName()).isNotNull();
    assertThat(world.outputs().lifecycleOf("job-artifacts")).extracting(LifecycleEvent::getType)
        .startsWith(LifecycleType.ACCEPTED, LifecycleType.SANDBOX_CREATING)
        .contains(LifecycleType.SANDBOX_READY, LifecycleType.INPUTS_STAGED, LifecycleType.STEP_STARTED,
            LifecycleType.STEP_FINISHED, LifecycleType.ARTIFACT_STORED, LifecycleType.SANDBOX_DELETED)
        .endsWith(LifecycleType.SUCCEEDED);
    List<AuditEvent> audit = auditOf("job-artifacts");
    assertThat(audit).extracting(AuditEvent::getApiOperation).contains("CreateSandbox", "DeleteSandbox");
    assertThat(audit).filteredOn(a -> a.getClassUid() == 1007 && a.getActivityId() == 2)
        .hasSize(2).allSatisfy(a -> assertThat(a.getExitCode()).isZero());
    assertThat(audit).filteredOn(a -> a.getClassUid() == 1001).extracting(a -> a.getFile().getPath())
        .contains("/sandbox/in/data.txt", "/sandbox/out/upper.txt");
    assertThat(audit).allSatisfy(a -> assertThat(a.getActor().getPrincipal()).isEqualTo("alice@example.com"));
    ConsumerRecord<byte[], byte[]> record = world.outputs().results.stream()
        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("job-artifacts")).findFirst().orElseThrow();
    assertThat(header(record, "ce_type")).isEqualTo("dev.shellbus.result.v1");
    assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(header(record, "traceparent")).isEqualTo(Requests.TRACEPARENT);
    world.awaitNoSandboxes();
  }

  @Test
  void agentSessionRunsTenExecsInOrder() {
    world.send(Requests.open("s1-open", "session-1"));
    for (int i = 1; i <= 10; i++) {
      world.send(Requests.exec("s1-exec-" + i, "session-1", "sh", "-c",
          "echo " + i + " >> /sandbox/seen && tr '\\n' ' ' < /sandbox/seen"));
    }
    world.send(Requests.close("s1-close", "session-1"));
    assertThat(world.outputs().awaitResult("s1-open").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
    for (int i = 1; i <= 10; i++) {
      SandboxResult r = world.outputs().awaitResult("s1-exec-" + i);
      assertThat(r.getStatus()).as("exec " + i + ": " + r.getError()).isEqualTo(ResultStatus.SUCCEEDED);
      String expected = String.join(" ", IntStream.rangeClosed(1, i).mapToObj(Integer::toString).toList()) + " ";
      assertThat(Requests.stdout(r.getSteps().get(0))).isEqualTo(expected);
    }
    assertThat(world.outputs().awaitResult("s1-close").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
    assertThat(world.outputs().lifecycleOf("s1-open")).extracting(LifecycleEvent::getType)
        .contains(LifecycleType.SESSION_OPENED);
    world.awaitNoSandboxes();
  }

  @Test
  void requestsOnDifferentKeysRunConcurrently() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add("par-" + i);
      world.send(Requests.job("par-" + i, step("nap", "sleep", "2")));
    }
    List<SandboxResult> results = ids.stream().map(world.outputs()::awaitResult).toList();
    assertThat(results).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ResultStatus.SUCCEEDED));
    long overlapping = results.stream().filter(a -> results.stream().anyMatch(b -> a != b
        && a.getSteps().get(0).getStartedAt().isBefore(b.getSteps().get(0).getFinishedAt())
        && b.getSteps().get(0).getStartedAt().isBefore(a.getSteps().get(0).getFinishedAt()))).count();
    assertThat(overlapping).as("steps that overlap another").isGreaterThanOrEqualTo(2);
    world.awaitNoSandboxes();
  }

  @Test
  void poisonAndInvalidRequestsDoNotBlockTheirPartition() {
    world.sendRaw("same-key", "not avro at all".getBytes(StandardCharsets.UTF_8));
    SandboxRequest bad = Requests.job("bad-path", Duration.ofMinutes(1),
        List.of(inline("/sandbox/../etc/passwd", "x")), List.of(step("s", "true")), List.of());
    world.sendRaw("same-key", World.REQUESTS.encode(bad));
    SandboxRequest missing = Requests.job("no-steps", Duration.ofMinutes(1), List.of(), List.of(), List.of());
    world.sendRaw("same-key", World.REQUESTS.encode(missing));
    world.sendRaw("same-key", World.REQUESTS.encode(Requests.job("after-poison", step("ok", "true"))));
    SandboxResult rejected = world.outputs().awaitResult("bad-path");
    assertThat(rejected.getStatus()).isEqualTo(ResultStatus.REJECTED);
    assertThat(rejected.getError().getCode()).isEqualTo("INVALID_PATH");
    assertThat(world.outputs().awaitResult("no-steps").getStatus()).isEqualTo(ResultStatus.REJECTED);
    assertThat(world.outputs().awaitResult("after-poison").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
    Waits.until("the poison record is dead-lettered", () -> !world.outputs().deadLetters.isEmpty(),
        () -> world.outputs().deadLetters.size());
    assertThat(world.outputs().lifecycleOf("bad-path")).extracting(LifecycleEvent::getType)
        .containsExactly(LifecycleType.REJECTED);
  }

  @Test
  void cancelStopsARunningJobAndDeletesItsSandbox() {
    world.send(Requests.job("to-cancel", step("long", "sleep", "60")));
    Waits.until("the long step started", () -> world.outputs().lifecycleOf("to-cancel").stream()
        .anyMatch(e -> e.getType() == LifecycleType.STEP_STARTED), () -> world.outputs().lifecycleOf("to-cancel"));
    world.sendRaw("to-cancel", World.REQUESTS.encode(Requests.cancel("the-cancel", "to-cancel")));
    SandboxResult cancelled = world.outputs().awaitResult("to-cancel");
    assertThat(cancelled.getStatus()).isEqualTo(ResultStatus.CANCELLED);
    assertThat(cancelled.getError().getCode()).isEqualTo("CANCELLED");
    assertThat(world.outputs().awaitResult("the-cancel").getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
    world.awaitNoSandboxes();
  }

  @Test
  void requestsPastTheirDeadlineAreRejectedOrTimedOut() {
    SandboxRequest late = Requests.envelope("already-late", Duration.ofMinutes(1))
        .setCreatedAt(java.time.Instant.now().minusSeconds(120)).setDeadline(java.time.Instant.now().minusSeconds(60))
        .setBody(Requests.job("x", step("s", "true")).getBody()).build();
    world.send(late);
    world.send(Requests.job("runs-out", Duration.ofSeconds(4), List.of(), List.of(step("long", "sleep", "60")),
        List.of()));
    SandboxResult rejected = world.outputs().awaitResult("already-late");
    assertThat(rejected.getStatus()).isEqualTo(ResultStatus.REJECTED);
    assertThat(rejected.getError().getCode()).isEqualTo("DEADLINE_EXCEEDED");
    SandboxResult timedOut = world.outputs().awaitResult("runs-out");
    assertThat(timedOut.getStatus()).isEqualTo(ResultStatus.TIMED_OUT);
    world.awaitNoSandboxes();
  }

  @Test
  void theManagementPortServesHealthReadinessAndMetrics() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + worker.managementPort();
    Waits.until("the worker is ready", worker::ready, () -> get(http, base + "/health/ready").body());
    assertThat(get(http, base + "/health/live").statusCode()).isEqualTo(200);
    var ready = get(http, base + "/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"UP\"", "\"gateway\"", "\"kafka\"");
    world.send(Requests.job("metered", step("hi", "true")));
    world.outputs().awaitResult("metered");
    var metrics = get(http, base + "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("shellbus_requests_total{kind=\"run_job\",outcome=\"succeeded\"}",
        "shellbus_sandbox_duration_seconds_count{operation=\"create\"}", "shellbus_consumer_lag",
        "shellbus_requests_in_flight", "shellbus_ready");
    assertThat(get(http, base + "/nope").statusCode()).isEqualTo(404);
  }

  private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url) {
    try {
      return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("GET " + url + " failed", e);
    }
  }

  private List<AuditEvent> auditOf(String requestId) {
    return world.outputs().audit().stream().filter(a -> a.getRequestId().equals(requestId)).toList();
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}

package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.GetSandboxLogsRequest;
import dev.shellbus.gateway.v1.GetSandboxLogsResponse;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxLogLine;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.SandboxStreamEvent;
import dev.shellbus.gateway.v1.WatchSandboxRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WatchSandbox (contract section 4.9) and GetSandboxLogs (section 4.10). */
class DevGatewayWatchIT {

  private static GatewayFixture fixture;
  private static GatewayClient client;

  @BeforeAll
  static void start() {
    fixture = new GatewayFixture(GatewayFixture.fast().readyDelay(Duration.ofMillis(200)).watchBufferLimit(64));
    client = fixture.client;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static GatewayClient.Watch watch(WatchSandboxRequest.Builder request) {
    return Await.result(client.watch(request.build()));
  }

  @Test
  void snapshotFirstThenReadyEndsAStopOnTerminalWatch() {
    Sandbox created = client.create("");
    long started = System.nanoTime();
    GatewayClient.Watch watch = watch(WatchSandboxRequest.newBuilder().setId(created.getMetadata().getId())
        .setFollowStatus(true).setStopOnTerminal(true));
    Await.until("watch ends on READY", watch::ended);
    System.out.printf("watch saw READY %d ms after create (200 ms ready delay)%n",
        (System.nanoTime() - started) / 1_000_000);
    assertThat(watch.status).isEqualTo(GrpcStatus.OK);
    List<Sandbox> snapshots = watch.snapshots();
    assertThat(watch.messages.get(0).hasSandbox()).isTrue();
    assertThat(snapshots.get(0).getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_PROVISIONING);
    assertThat(snapshots.get(snapshots.size() - 1).getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_READY);

    GatewayClient.Watch again = watch(WatchSandboxRequest.newBuilder().setId(created.getMetadata().getId())
        .setStopOnTerminal(true));
    Await.until("watch of a READY sandbox ends at once", again::ended);
    assertThat(again.messages).singleElement().satisfies(m -> assertThat(m.hasSandbox()).isTrue());
  }

  @Test
  void snapshotIsSentEvenWithoutFollowStatusAndDeletionEndsTheStream() {
    Sandbox created = client.create("");
    client.awaitPhase(created.getMetadata().getName(), SandboxPhase.SANDBOX_PHASE_READY);
    GatewayClient.Watch watch = watch(WatchSandboxRequest.newBuilder().setId(created.getMetadata().getId())
        .setFollowStatus(true).setFollowEvents(true).setEventTail(10));
    Await.until("snapshot and event tail", () -> watch.messages.size() >= 3);
    assertThat(watch.messages.get(0).hasSandbox()).isTrue();
    assertThat(watch.messages.stream().filter(SandboxStreamEvent::hasEvent).map(m -> m.getEvent().getReason()))
        .contains("ImageNotPulled", "Ready");
    client.delete(created.getMetadata().getName());
    Await.until("stream ends on removal", watch::ended);
    assertThat(watch.status).isEqualTo(GrpcStatus.OK);
    assertThat(watch.snapshots()).extracting(s -> s.getStatus().getPhase()).contains(SandboxPhase.SANDBOX_PHASE_DELETING);
  }

  @Test
  void watchValidatesTheId() {
    GatewayClient.Watch empty = watch(WatchSandboxRequest.newBuilder());
    Await.until("ended", empty::ended);
    assertThat(empty.status).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    GatewayClient.Watch unknown = watch(WatchSandboxRequest.newBuilder().setId("no-such-id"));
    Await.until("ended", unknown::ended);
    assertThat(unknown.status).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  void followLogsReplaysTheFilteredTailThenStreamsLiveLines() {
    Sandbox created = client.create("");
    String id = created.getMetadata().getId();
    client.awaitPhase(created.getMetadata().getName(), SandboxPhase.SANDBOX_PHASE_READY);
    Await.result(fixture.gateway.appendSandboxLog(id, "DEBUG", "noisy"));
    GatewayClient.Watch watch = watch(WatchSandboxRequest.newBuilder().setId(id).setFollowLogs(true)
        .setLogMinLevel("INFO").addLogSources("sandbox"));
    Await.result(fixture.gateway.appendSandboxLog(id, "ERROR", "live line"));
    Await.until("live line", () -> logs(watch).contains("live line"));
    assertThat(logs(watch)).doesNotContain("noisy");
    assertThat(watch.messages.get(0).hasSandbox()).isTrue();
    watch.call.cancel();
  }

  @Test
  void cancellingAWatchUnsubscribesIt() {
    Sandbox created = client.create("");
    String id = created.getMetadata().getId();
    GatewayClient.Watch watch = watch(WatchSandboxRequest.newBuilder().setId(id).setFollowStatus(true)
        .setFollowLogs(true));
    Await.until("subscribed", () -> Await.result(fixture.gateway.watchers(id)) == 1);
    watch.call.cancel();
    Await.until("unsubscribed after cancel", () -> Await.result(fixture.gateway.watchers(id)) == 0);
    assertThat(Await.result(fixture.gateway.appendSandboxLog(id, "INFO", "nobody listens"))).isTrue();
  }

  @Test
  void aWatcherThatDoesNotReadLosesItsStreamWithResourceExhausted() {
    Sandbox created = client.create("");
    String id = created.getMetadata().getId();
    GatewayClient.Watch watch = watch(WatchSandboxRequest.newBuilder().setId(id).setFollowLogs(true));
    watch.response.pause();
    String filler = "x".repeat(4096);
    for (int i = 0; i < 400 && !watch.ended(); i++) {
      Await.result(fixture.gateway.appendSandboxLog(id, "INFO", i + " " + filler));
    }
    watch.response.resume();
    Await.until("lag ends the stream", watch::ended);
    assertThat(watch.status).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(watch.statusMessage).matches("watch stream lagged; dropped \\d+ messages");
  }

  @Test
  void getSandboxLogsTakesTheTailThenFilters() {
    Sandbox created = client.create("");
    String id = created.getMetadata().getId();
    for (int i = 0; i < 10; i++) {
      Await.result(fixture.gateway.appendSandboxLog(id, i % 2 == 0 ? "WARN" : "DEBUG", "line " + i));
    }
    GetSandboxLogsResponse all = logs(GetSandboxLogsRequest.newBuilder().setSandboxId(id));
    assertThat(all.getBufferTotal()).isEqualTo(all.getLogsCount()).isGreaterThanOrEqualTo(12);
    assertThat(all.getLogs(0).getSource()).isEqualTo("gateway");
    assertThat(all.getLogs(0).getMessage()).startsWith("sandbox created");

    GetSandboxLogsResponse tail = logs(GetSandboxLogsRequest.newBuilder().setSandboxId(id).setLines(4)
        .setMinLevel("WARN").addSources("sandbox"));
    assertThat(tail.getBufferTotal()).isEqualTo(4);
    assertThat(tail.getLogsList()).extracting(SandboxLogLine::getMessage).containsExactly("line 6", "line 8");

    RpcFailure empty = Await.failure(client.call(OpenShellGrpcClient.GetSandboxLogs,
        GetSandboxLogsRequest.getDefaultInstance()));
    assertThat(empty.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    client.delete(created.getMetadata().getName());
    client.awaitGone(created.getMetadata().getName());
    RpcFailure gone = Await.failure(client.call(OpenShellGrpcClient.GetSandboxLogs,
        GetSandboxLogsRequest.newBuilder().setSandboxId(id).build()));
    assertThat(gone.status()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  void createToReadyLatency() {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long started = System.nanoTime();
      Sandbox created = client.create("");
      GatewayClient.Watch watch = watch(WatchSandboxRequest.newBuilder().setId(created.getMetadata().getId())
          .setFollowStatus(true).setStopOnTerminal(true));
      Await.until("ready", watch::ended);
      millis.add((System.nanoTime() - started) / 1_000_000);
    }
    System.out.println("create-to-ready over WatchSandbox with a 200 ms ready delay, ms: " + millis);
    assertThat(millis).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(190));
  }

  private static GetSandboxLogsResponse logs(GetSandboxLogsRequest.Builder request) {
    return Await.result(client.call(OpenShellGrpcClient.GetSandboxLogs, request.build()));
  }

  private static List<String> logs(GatewayClient.Watch watch) {
    return watch.messages.stream().filter(SandboxStreamEvent::hasLog).map(m -> m.getLog().getMessage()).toList();
  }
}

package dev.shellbus.orchestrator.engine;

import static dev.shellbus.orchestrator.engine.EngineHarness.context;
import static dev.shellbus.orchestrator.engine.EngineHarness.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.gateway.GatewayClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests on several lanes: each runs on its key's event loop, and the submitting context sees its transitions, in
 * order, and then its outcome, on itself.
 */
class EngineLanesTest {

  private final EngineHarness h = new EngineHarness();
  private final List<String> wrongThread = new CopyOnWriteArrayList<>();
  private final Map<String, Set<String>> gatewayThreads = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void requestsRunOnTheirLanesAndReportOnTheCallersContext() throws Exception {
    EngineLanes lanes = connected(2);
    assertThat(lanes.size()).isEqualTo(2);
    List<EngineEvent> seen = new CopyOnWriteArrayList<>();
    Context caller = h.vertx.getOrCreateContext();
    RequestEngine engine = new RequestEngine(h.vertx, h.gateway, h.store, EngineHarness.CONFIG, RetryRunner.ONCE,
        lanes);
    EngineObserver observer = event -> {
      if (Vertx.currentContext() != caller) {
        wrongThread.add(event.getClass().getSimpleName() + " of " + event.context().requestId());
      }
      seen.add(event);
    };

    List<Future<Outcome>> outcomes = new ArrayList<>();
    Promise<Void> submitted = Promise.promise();
    caller.runOnContext(v -> {
      for (int i = 0; i < 16; i++) {
        Requests.Job job = new Requests.Job(context("lane-job-" + i, Duration.ofSeconds(30)),
            SandboxOptions.image("python:3"), List.of(), List.of(StepSpec.of("greet", "echo", "hi " + i)), List.of(),
            false);
        outcomes.add(engine.runJob(job, observer).onComplete(ar -> {
          if (Vertx.currentContext() != caller) {
            wrongThread.add("outcome of " + job.context().requestId());
          }
        }));
      }
      submitted.complete();
    });
    submitted.future().await(10, TimeUnit.SECONDS);
    for (Future<Outcome> outcome : outcomes) {
      assertThat(h.await(outcome).status()).isEqualTo(Outcome.Status.SUCCEEDED);
    }

    assertThat(wrongThread).as("everything the caller sees arrives on its context").isEmpty();
    assertThat(gatewayThreads.values().stream().flatMap(Set::stream).distinct().count())
        .as("the gateway was called from both lanes' event loops").isEqualTo(2);
    assertThat(gatewayThreads.values()).as("each request stays on one lane").allSatisfy(t -> assertThat(t).hasSize(1));
    for (int i = 0; i < 16; i++) {
      String id = "lane-job-" + i;
      List<EngineEvent> events = seen.stream().filter(e -> e.context().requestId().equals(id)).toList();
      assertThat(events).as(id + " has events").isNotEmpty();
      assertThat(events.get(events.size() - 1).header().to()).as(id + " ends SUCCEEDED, last")
          .isEqualTo(RequestState.SUCCEEDED);
      for (int e = 1; e < events.size(); e++) {
        assertThat(events.get(e).header().from()).as(id + " event " + e + " starts where the previous one led")
            .isEqualTo(events.get(e - 1).header().to());
      }
    }
    lanes.disconnect().compose(v -> lanes.close()).await(10, TimeUnit.SECONDS);
  }

  @Test
  void callsOfOneSessionShareALaneAndRunInOrder() throws Exception {
    EngineLanes lanes = connected(2);
    RequestEngine engine = new RequestEngine(h.vertx, h.gateway, h.store, EngineHarness.CONFIG, RetryRunner.ONCE,
        lanes);
    assertThat(h.await(engine.openSession(new Requests.OpenSession(session("open", "s-1", Duration.ofSeconds(30)),
        SandboxOptions.image("python:3"), Duration.ofMinutes(5), List.of(), Optional.empty()), EngineObserver.NONE))
        .status()).isEqualTo(Outcome.Status.SUCCEEDED);
    List<Future<Outcome>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(engine.exec(new Requests.Exec(session("exec-" + i, "s-1", Duration.ofSeconds(30)),
          StepSpec.of("call", "echo", "call " + i)), EngineObserver.NONE));
    }
    for (Future<Outcome> call : calls) {
      assertThat(h.await(call).status()).isEqualTo(Outcome.Status.SUCCEEDED);
    }
    assertThat(h.gateway.commands.steps.stream().filter(argv -> argv.size() > 1 && argv.get(1).startsWith("call "))
        .map(argv -> argv.get(1)).toList())
        .containsExactly("call 0", "call 1", "call 2", "call 3", "call 4", "call 5", "call 6", "call 7");
    assertThat(gatewayThreads.values().stream().flatMap(Set::stream).distinct().count())
        .as("one session, one lane").isEqualTo(1);
    lanes.disconnect().compose(v -> lanes.close()).await(10, TimeUnit.SECONDS);
  }

  private EngineLanes connected(int count) throws Exception {
    EngineLanes lanes = EngineLanes.deploy(h.vertx, count).await(10, TimeUnit.SECONDS);
    lanes.connect(() -> Future.succeededFuture(recording(h.gateway))).await(10, TimeUnit.SECONDS);
    return lanes;
  }

  /** Wraps the fake gateway so that each call records the thread it came from, by sandbox (one per request). */
  private GatewayClient recording(GatewayClient gateway) {
    return GatewayRecorder.wrap(gateway, sandbox -> gatewayThreads
        .computeIfAbsent(sandbox, k -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName()));
  }
}

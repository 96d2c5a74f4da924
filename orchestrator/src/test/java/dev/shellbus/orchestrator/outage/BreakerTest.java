package dev.shellbus.orchestrator.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BreakerTest {

  private static final Breaker.Policy FAST = new Breaker.Policy(3, Duration.ofMillis(50), Duration.ofMillis(200));
  private static final ShellbusException DOWN = new ShellbusException(FailureCode.GATEWAY_UNAVAILABLE, "refused");
  private final Vertx vertx = Vertx.vertx();
  private final AtomicBoolean up = new AtomicBoolean();
  private final AtomicInteger probes = new AtomicInteger();
  private final List<String> changes = new CopyOnWriteArrayList<>();
  private final Breaker breaker = new Breaker(vertx, "gateway", FailureCode.GATEWAY_UNAVAILABLE, FAST, () -> {
    probes.incrementAndGet();
    return up.get() ? Future.succeededFuture() : Future.failedFuture(DOWN);
  }).listen((dependency, state, why) -> changes.add(dependency + " " + state));

  @AfterEach
  void close() throws Exception {
    breaker.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void opensOnlyAfterTheThresholdOfConsecutiveOutages() {
    breaker.failed(DOWN);
    breaker.failed(DOWN);
    breaker.succeeded();
    breaker.failed(DOWN);
    breaker.failed(DOWN);
    assertThat(breaker.isOpen()).as("a success in between resets the count").isFalse();
    breaker.failed(DOWN);
    assertThat(breaker.isOpen()).isTrue();
    assertThat(changes).containsExactly("gateway OPEN");
  }

  @Test
  void failuresThatAreNotTheDependencysOutageDoNotCount() {
    for (int i = 0; i < 10; i++) {
      breaker.failed(new ShellbusException(FailureCode.NOT_FOUND, "no such sandbox"));
      breaker.failed(new ShellbusException(FailureCode.STORAGE_FAILED, "another dependency"));
    }
    assertThat(breaker.isOpen()).isFalse();
  }

  @Test
  void aCallWaitsWhileOpenAndRunsOnceAProbeSucceeds() throws Exception {
    breaker.trip("health check");
    AtomicInteger calls = new AtomicInteger();
    Future<String> answer = breaker.guard("GetSandbox", Deadline.in(Duration.ofSeconds(10)), true, () -> {
      calls.incrementAndGet();
      return Future.succeededFuture("ok");
    });
    Thread.sleep(300);
    assertThat(answer.isComplete()).as("waits while the gateway is down").isFalse();
    assertThat(calls).hasValue(0);
    assertThat(probes.get()).as("probes while open").isGreaterThanOrEqualTo(2);
    up.set(true);
    assertThat(await(answer)).isEqualTo("ok");
    assertThat(calls).hasValue(1);
    assertThat(breaker.state()).isEqualTo(Breaker.State.CLOSED);
    assertThat(changes).containsExactly("gateway OPEN", "gateway CLOSED");
  }

  @Test
  void aRepeatableCallThatHitsTheOutageIsRepeatedWhenTheDependencyIsBack() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Future<Integer>> answers = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(breaker.guard("CreateSandbox", Deadline.in(Duration.ofSeconds(10)), true,
          () -> up.get() ? Future.succeededFuture(calls.incrementAndGet()) : Future.failedFuture(DOWN)));
    }
    assertThat(answers.get(0).failed()).as("before the breaker opened, the failure is the caller's").isTrue();
    assertThat(answers.get(1).failed()).isTrue();
    assertThat(answers.get(2).isComplete()).as("the third outage opened the breaker: it waits").isFalse();
    up.set(true);
    assertThat(await(answers.get(2))).isEqualTo(1);
  }

  @Test
  void aCallThatIsNotRepeatableFailsAsItIs() {
    breaker.failed(DOWN);
    breaker.failed(DOWN);
    Future<Object> answer = breaker.guard("upload", Deadline.in(Duration.ofSeconds(10)), false,
        () -> Future.failedFuture(DOWN));
    assertThat(answer.failed()).isTrue();
    assertThat(breaker.isOpen()).isTrue();
  }

  @Test
  void theDeadlineEndsTheWaitWithTheDependencysCode() {
    breaker.trip("health check");
    Future<String> answer = breaker.guard("GetSandbox", Deadline.in(Duration.ofMillis(200)), true,
        () -> Future.succeededFuture("never"));
    assertThatThrownBy(() -> await(answer)).cause().isInstanceOfSatisfying(ShellbusException.class, e -> {
      assertThat(e.code()).isEqualTo(FailureCode.GATEWAY_UNAVAILABLE);
      assertThat(e.getMessage()).contains("gateway unavailable for").contains("GetSandbox could not run");
    });
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e;
    }
  }
}

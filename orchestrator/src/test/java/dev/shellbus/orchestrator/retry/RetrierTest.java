package dev.shellbus.orchestrator.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetrierTest {
  private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(50), 5);
  private final Vertx vertx = Vertx.vertx();
  private final List<RetryEvent> retries = Collections.synchronizedList(new ArrayList<>());
  private final List<RetryEvent> giveUps = Collections.synchronizedList(new ArrayList<>());
  private final RetryListener listener = new RetryListener() {
    @Override
    public void onRetry(RetryEvent event) {
      retries.add(event);
    }

    @Override
    public void onGiveUp(RetryEvent event) {
      giveUps.add(event);
    }
  };

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static DoubleSupplier constant(double value) {
    return () -> value;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    try {
      await(future);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private Retrier retrier(RetryPolicy policy, double jitter) {
    return new Retrier(vertx, policy, listener, constant(jitter), Retrier::isRetryable);
  }

  private static Future<String> failTimes(AtomicInteger calls, int failures, FailureCode code) {
    int n = calls.incrementAndGet();
    return n <= failures ? Future.failedFuture(new ShellbusException(code, "attempt " + n)) : Future.succeededFuture("ok after " + n);
  }

  @Test
  void retriesTransientFailuresWithJitteredBackoffAndReportsEachRetry() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String result = await(retrier(FAST, 0.5).run("gateway.create", Deadline.in(Duration.ofSeconds(10)),
        () -> failTimes(calls, 3, FailureCode.GATEWAY_UNAVAILABLE)));
    assertThat(result).isEqualTo("ok after 4");
    assertThat(retries).extracting(RetryEvent::attempt).containsExactly(1, 2, 3);
    assertThat(retries).extracting(e -> e.delay().toMillis()).containsExactly(10L, 20L, 25L);
    assertThat(retries).allSatisfy(e -> {
      assertThat(e.operation()).isEqualTo("gateway.create");
      assertThat(e.maxAttempts()).isEqualTo(5);
    });
    assertThat(giveUps).isEmpty();
  }

  @Test
  void finalFailuresAreNotRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Throwable failure = failureOf(retrier(FAST, 0.5).run("gateway.get", Deadline.in(Duration.ofSeconds(10)),
        () -> failTimes(calls, 10, FailureCode.NOT_FOUND)));
    assertThat(((ShellbusException) failure).code()).isEqualTo(FailureCode.NOT_FOUND);
    assertThat(calls).hasValue(1);
    assertThat(retries).isEmpty();
    assertThat(giveUps).hasSize(1);
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastFailure() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Throwable failure = failureOf(retrier(FAST.withMaxAttempts(3), 0.0).run("gateway.exec", Deadline.in(Duration.ofSeconds(10)),
        () -> failTimes(calls, 10, FailureCode.EXEC_INTERRUPTED)));
    assertThat(failure).hasMessage("attempt 3");
    assertThat(calls).hasValue(3);
    assertThat(retries).hasSize(2);
    assertThat(giveUps).singleElement().satisfies(e -> assertThat(e.attempt()).isEqualTo(3));
  }

  @Test
  void neverSchedulesAWaitPastTheDeadline() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy slow = new RetryPolicy(Duration.ofSeconds(4), 2.0, Duration.ofSeconds(5), 5);
    long started = System.nanoTime();
    Throwable failure = failureOf(retrier(slow, 0.99).run("gateway.delete", Deadline.in(Duration.ofMillis(500)),
        () -> failTimes(calls, 10, FailureCode.GATEWAY_UNAVAILABLE)));
    assertThat(failure).hasMessage("attempt 1");
    assertThat(calls).hasValue(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
    assertThat(giveUps).hasSize(1);
  }

  @Test
  void anActionThatThrowsIsTreatedAsAFailedAttempt() throws Exception {
    Throwable failure = failureOf(retrier(FAST, 0.5).run("gateway.list", Deadline.in(Duration.ofSeconds(10)), () -> {
      throw new IllegalStateException("boom");
    }));
    assertThat(failure).isInstanceOf(IllegalStateException.class);
    assertThat(retries).isEmpty();
  }

  @Test
  void anUnlimitedPolicyRetriesUntilThePredicateGivesUp() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy unlimited = RetryPolicy.unlimited(Duration.ofMillis(1), Duration.ofMillis(2));
    Retrier retrier = new Retrier(vertx, unlimited, listener, constant(0.5), failure -> calls.get() < 12);
    Throwable failure = failureOf(retrier.run("kafka.publish", Deadline.at(java.time.Instant.MAX),
        () -> failTimes(calls, 100, FailureCode.INTERNAL)));
    assertThat(failure).hasMessage("attempt 12");
    assertThat(calls).hasValue(12);
    assertThat(retries).hasSize(11).allSatisfy(e -> assertThat(e.maxAttempts()).isEqualTo(RetryPolicy.UNLIMITED));
    assertThat(giveUps).singleElement().satisfies(e -> assertThat(e.attempt()).isEqualTo(12));
  }
}

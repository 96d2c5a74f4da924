package dev.shellbus.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyedQueuesTest {

  private final Map<String, Promise<Void>> running = new LinkedHashMap<>();
  private final List<String> started = new ArrayList<>();
  private final List<String> finished = new ArrayList<>();

  private KeyedQueues<String> queues(int max) {
    return new KeyedQueues<>(max, task -> {
      started.add(task);
      Promise<Void> p = Promise.promise();
      running.put(task, p);
      return p.future();
    }, finished::add);
  }

  @Test
  void sameKeyRunsOneAfterTheOtherInArrivalOrder() {
    KeyedQueues<String> q = queues(10);
    q.submit("k", "a1");
    q.submit("k", "a2");
    q.submit("k", "a3");
    assertThat(started).containsExactly("a1");

    running.get("a1").complete();
    assertThat(started).containsExactly("a1", "a2");
    running.get("a2").fail("boom");
    assertThat(started).containsExactly("a1", "a2", "a3");
    assertThat(finished).containsExactly("a1", "a2");
  }

  @Test
  void differentKeysRunConcurrentlyUpToTheLimitThenFirstComeFirstServed() {
    KeyedQueues<String> q = queues(2);
    q.submit("a", "a1");
    q.submit("b", "b1");
    q.submit("c", "c1");
    q.submit("d", "d1");
    assertThat(started).containsExactly("a1", "b1");
    assertThat(q.running()).isEqualTo(2);
    assertThat(q.waiting()).isEqualTo(2);

    running.get("b1").complete();
    assertThat(started).containsExactly("a1", "b1", "c1");
  }

  @Test
  void runNowBypassesBusyKeysAndTheLimit() {
    KeyedQueues<String> q = queues(1);
    q.submit("k", "k1");
    q.submit("k", "k2");
    q.runNow("cancel");
    assertThat(started).containsExactly("k1", "cancel");
    assertThat(q.running()).isEqualTo(2);
  }

  @Test
  void releasedTasksFreeTheirSlotOnceAndTheirLateCompletionIsIgnored() {
    KeyedQueues<String> q = queues(1);
    q.submit("a", "a1");
    q.submit("b", "b1");
    assertThat(q.release("a1")).isTrue();
    assertThat(started).containsExactly("a1", "b1");

    running.get("a1").complete();
    assertThat(finished).containsExactly("a1");
    assertThat(q.running()).isEqualTo(1);
    assertThat(q.release("a1")).isFalse();
  }

  @Test
  void droppedWaitingTasksNeverStart() {
    KeyedQueues<String> q = queues(1);
    q.submit("a", "a1");
    q.submit("a", "a2");
    q.submit("b", "b1");
    assertThat(q.drop(t -> !t.equals("a1"))).containsExactlyInAnyOrder("a2", "b1");
    running.get("a1").complete();
    assertThat(started).containsExactly("a1");
    assertThat(q.waiting()).isZero();
  }

  @Test
  void synchronouslyCompletingTasksDoNotRecurse() {
    KeyedQueues<Integer> q = new KeyedQueues<>(1, task -> Future.succeededFuture(), t -> { });
    for (int i = 0; i < 100_000; i++) {
      q.submit("k", i);
    }
    assertThat(q.running()).isZero();
    assertThat(q.waiting()).isZero();
  }
}

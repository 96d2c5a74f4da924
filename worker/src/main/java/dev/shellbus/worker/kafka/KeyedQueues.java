package dev.shellbus.worker.kafka;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs tasks one at a time per key and up to {@code maxRunning} at once overall, first come first served.
 *
 * <p>A key's next task starts only when its previous one has finished; a key whose turn has come waits for a free
 * slot in arrival order. {@link #runNow} starts a task at once, outside any key and beyond the limit (cancels).
 * {@link #release} ends a running task early (abandoned work); its future is ignored when it completes later. Every
 * task is reported to {@code onFinish} exactly once. Not thread-safe: it lives on the consumer's Vert.x context.
 *
 * @param <T> the task type; tasks are compared by identity
 */
final class KeyedQueues<T> {

  private final int maxRunning;
  private final Function<T, Future<?>> runner;
  private final Consumer<T> onFinish;
  private final Map<Object, ArrayDeque<T>> waiting = new HashMap<>();
  private final ArrayDeque<Object> ready = new ArrayDeque<>();
  private final Map<Object, Boolean> busy = new HashMap<>();
  private final Map<T, Object> running = new IdentityHashMap<>();
  private int waitingCount;
  private boolean pumping;
  private boolean pumpAgain;

  KeyedQueues(int maxRunning, Function<T, Future<?>> runner, Consumer<T> onFinish) {
    this.maxRunning = maxRunning;
    this.runner = runner;
    this.onFinish = onFinish;
  }

  /** Queues {@code task} behind the other tasks of {@code key}; starts it when its key and a slot are free. */
  void submit(Object key, T task) {
    waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(task);
    waitingCount++;
    if (!busy.containsKey(key) && waiting.get(key).size() == 1) {
      ready.addLast(key);
    }
    pump();
  }

  /** Starts {@code task} at once, bypassing the queues and the limit. */
  void runNow(T task) {
    start(null, task);
  }

  /** Ends a running task early; returns false if it was not running. */
  boolean release(T task) {
    if (!running.containsKey(task)) {
      return false;
    }
    finish(task);
    return true;
  }

  /** Removes waiting (not started) tasks that match and returns them; the keys' other tasks keep their order. */
  List<T> drop(Predicate<T> which) {
    List<T> dropped = new ArrayList<>();
    for (Iterator<Map.Entry<Object, ArrayDeque<T>>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Object, ArrayDeque<T>> entry = it.next();
      for (Iterator<T> tasks = entry.getValue().iterator(); tasks.hasNext(); ) {
        T task = tasks.next();
        if (which.test(task)) {
          tasks.remove();
          dropped.add(task);
        }
      }
      if (entry.getValue().isEmpty()) {
        ready.remove(entry.getKey());
        it.remove();
      }
    }
    waitingCount -= dropped.size();
    return dropped;
  }

  /** Returns the running tasks that match. */
  List<T> runningMatching(Predicate<T> which) {
    return running.keySet().stream().filter(which).toList();
  }

  int running() {
    return running.size();
  }

  int waiting() {
    return waitingCount;
  }

  private void pump() {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        while (running.size() < maxRunning && !ready.isEmpty()) {
          Object key = ready.pollFirst();
          ArrayDeque<T> queue = waiting.get(key);
          T task = queue.pollFirst();
          waitingCount--;
          if (queue.isEmpty()) {
            waiting.remove(key);
          }
          start(key, task);
        }
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
  }

  private void start(Object key, T task) {
    running.put(task, key == null ? NO_KEY : key);
    if (key != null) {
      busy.put(key, Boolean.TRUE);
    }
    Future<?> done;
    try {
      done = runner.apply(task);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(ar -> {
      if (running.get(task) != null) {
        finish(task);
      }
    });
  }

  private void finish(T task) {
    Object key = running.remove(task);
    if (key != NO_KEY) {
      busy.remove(key);
      if (waiting.containsKey(key)) {
        ready.addLast(key);
      }
    }
    onFinish.accept(task);
    pump();
  }

  private static final Object NO_KEY = new Object();
}

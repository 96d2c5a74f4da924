package dev.shellbus.devkit.gateway.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The execs running in the gateway, by sandbox, with the gateway-wide limit. Thread-safe: calls arrive on several
 * event loops.
 */
final class ExecRegistry {

  private final int limit;
  private final AtomicInteger count = new AtomicInteger();
  private final ConcurrentHashMap<String, Set<RunningExec>> bySandbox = new ConcurrentHashMap<>();
  private volatile boolean closed;

  ExecRegistry(int limit) {
    this.limit = limit;
  }

  /** Registers {@code exec}; returns false when the gateway is at its limit or closing. */
  boolean tryAdd(RunningExec exec) {
    if (closed) {
      return false;
    }
    if (count.incrementAndGet() > limit) {
      count.decrementAndGet();
      return false;
    }
    bySandbox.compute(exec.sandboxId(), (id, execs) -> {
      Set<RunningExec> set = execs == null ? ConcurrentHashMap.newKeySet() : execs;
      set.add(exec);
      return set;
    });
    return true;
  }

  /** Forgets {@code exec}; idempotent. */
  void remove(RunningExec exec) {
    bySandbox.computeIfPresent(exec.sandboxId(), (id, execs) -> {
      if (execs.remove(exec)) {
        count.decrementAndGet();
      }
      return execs.isEmpty() ? null : execs;
    });
  }

  /** Returns the execs of one sandbox. */
  List<RunningExec> of(String sandboxId) {
    return new ArrayList<>(bySandbox.getOrDefault(sandboxId, Set.of()));
  }

  /** Refuses new execs from now on and returns those running. */
  List<RunningExec> close() {
    closed = true;
    List<RunningExec> all = new ArrayList<>();
    bySandbox.values().forEach(all::addAll);
    return all;
  }

  /** Returns how many execs are registered. */
  int size() {
    return count.get();
  }
}

package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * How the engine retries gateway calls that are safe to repeat (create, get, list, delete,
 * awaitReady). Shaped like {@code retry.Retrier#run}, so {@code retrier::run} adapts it.
 */
@FunctionalInterface
public interface RetryRunner {
  /** Runs once, never retries. */
  RetryRunner ONCE = new RetryRunner() {
    @Override
    public <T> Future<T> run(String operation, Deadline deadline, Supplier<Future<T>> action) {
      return action.get();
    }
  };

  /** Runs {@code action} until it succeeds, fails for good, or the deadline leaves no room. */
  <T> Future<T> run(String operation, Deadline deadline, Supplier<Future<T>> action);
}

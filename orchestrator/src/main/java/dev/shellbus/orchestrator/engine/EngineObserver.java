package dev.shellbus.orchestrator.engine;

import java.util.Optional;

/**
 * Hears everything that happens to one request, as typed {@link EngineEvent}s, in order, on the
 * request's Vert.x context. It must not block and must not throw (a throwing observer is logged
 * and ignored). One observer per submitted request; it is also the attempt's {@link #fenced() fence}.
 */
@FunctionalInterface
public interface EngineObserver {
  /** An observer that ignores everything. */
  EngineObserver NONE = event -> {};

  void on(EngineEvent event);

  /**
   * The fence of the request's attempt, asked before every exec (commands, file puts and gets, kills) and every
   * sandbox create and delete: empty while the attempt may touch sandboxes, else why it may not (its claim on the
   * request passed to another owner). Called on the request's context, which may not be the observer's own: it must
   * be thread-safe and must not block. The default never fences.
   */
  default Optional<String> fenced() {
    return Optional.empty();
  }
}

package dev.shellbus.orchestrator.engine;

/**
 * Hears everything that happens to one request, as typed {@link EngineEvent}s, in order, on the
 * request's Vert.x context. It must not block and must not throw (a throwing observer is logged
 * and ignored). One observer per submitted request.
 */
@FunctionalInterface
public interface EngineObserver {
  /** An observer that ignores everything. */
  EngineObserver NONE = event -> {};

  void on(EngineEvent event);
}

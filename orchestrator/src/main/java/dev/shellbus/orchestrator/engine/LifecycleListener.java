package dev.shellbus.orchestrator.engine;

/**
 * The port through which the engine publishes every lifecycle transition (the worker turns them
 * into lifecycle events). Called on the Vert.x context that submitted the request, in order (a
 * request running on an {@link EngineLanes} lane has its transitions relayed there); it must not
 * block and must not throw (a throwing listener is logged and ignored).
 */
@FunctionalInterface
public interface LifecycleListener {
  /** A listener that ignores everything. */
  LifecycleListener NONE = transition -> {};

  void onTransition(LifecycleTransition transition);
}

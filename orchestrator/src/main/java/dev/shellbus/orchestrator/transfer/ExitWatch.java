package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The exit of an exec as its reader sees it: completes with the exit code only once the
 * {@link ExecEvent.Exit} event has reached the reader's handler, so every chunk before it has
 * been handled too (the call's own {@link ExecCall#exit()} may complete while paused chunks are
 * still queued); fails as soon as the call fails. Feed it every event.
 */
public final class ExitWatch {
  private final Promise<Integer> exit = Promise.promise();

  /** Watches {@code call}: its failure fails the watch. */
  public ExitWatch(ExecCall call) {
    call.exit().onFailure(exit::tryFail);
  }

  /** Call from the event handler with every event. */
  public void seen(ExecEvent event) {
    if (event instanceof ExecEvent.Exit done) {
      exit.tryComplete(done.code());
    }
  }

  /** The exit code, after all output was handled. */
  public Future<Integer> future() {
    return exit.future();
  }
}

package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.store.BufferPipe;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.StoredObject;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * Records one output stream of one step: everything goes to a log object (started on the first
 * byte, so a silent stream stores nothing) while a {@link HeadTail} keeps the inline view. The
 * caller pauses its exec stream when {@link #write(Buffer)} says the upload is behind.
 */
final class OutputRecorder {
  private final EngineServices services;
  private final ObjectRef ref;
  private final Deadline deadline;
  private final HeadTail view;
  private BufferPipe pipe;
  private Future<StoredObject> stored;

  OutputRecorder(EngineServices services, ObjectRef ref, Deadline deadline) {
    this.services = services;
    this.ref = ref;
    this.deadline = deadline;
    this.view = new HeadTail(services.config().inlineHeadBytes(), services.config().inlineTailBytes());
  }

  /** Records a chunk; returns true when the caller should pause until {@link #onDrain}. */
  boolean write(Buffer chunk) {
    view.add(chunk);
    if (pipe == null) {
      pipe = BufferPipe.onCurrentContext(services.config().uploadHighWaterBytes());
      stored = services.store().put(ref, pipe, "text/plain; charset=utf-8", deadline);
    }
    pipe.write(chunk);
    return pipe.writeQueueFull();
  }

  void onDrain(Handler<Void> handler) {
    pipe.drainHandler(handler);
  }

  /** Ends the log object and completes with the capture once it is stored. */
  Future<OutputCapture> finish() {
    if (pipe == null) {
      return Future.succeededFuture(view.capture(Optional.empty()));
    }
    pipe.end();
    return stored
        .map(object -> view.capture(Optional.of(object)))
        .recover(failure -> Future.failedFuture(new ShellbusException(FailureCode.ARTIFACT_FAILED,
            "storing log " + ref.uri() + " failed: " + failure.getMessage(),
            !(failure instanceof ShellbusException se) || se.retryable(), failure)));
  }
}

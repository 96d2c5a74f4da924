package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.redact.StreamRedactor;
import dev.shellbus.orchestrator.store.BufferPipe;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.StoredObject;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records one output stream of one step: everything goes to a log object (started on the first
 * byte, so a silent stream stores nothing) while a {@link HeadTail} keeps the inline view. The
 * caller pauses its exec stream when {@link #write(Buffer)} says the upload is behind.
 *
 * <p>Both see the stream after its {@link StreamRedactor}: the log object, its size and SHA-256, the
 * inline head and tail and the total all describe the redacted bytes. The redactor holds back the end
 * of a chunk that could begin a secret and releases it on {@link #finish()}.
 *
 * <p>With {@link LogObjects#WHEN_TRUNCATED} the first head-plus-tail bytes are held back (the view
 * holds them anyway); the upload starts with them only once the stream outgrows the inline view, so
 * a stream the result carries whole writes nothing to the object store.
 */
final class OutputRecorder {
  private final EngineServices services;
  private final ObjectRef ref;
  private final Deadline deadline;
  private final StreamRedactor redactor;
  private final HeadTail view;
  private final long holdBackBytes;
  private final List<Buffer> heldBack = new ArrayList<>();
  private long seen;
  private BufferPipe pipe;
  private Future<StoredObject> stored;
  private String failure;

  OutputRecorder(EngineServices services, ObjectRef ref, Deadline deadline, StreamRedactor redactor) {
    this.services = services;
    this.redactor = redactor;
    this.ref = ref;
    this.deadline = deadline;
    EngineConfig config = services.config();
    this.view = new HeadTail(config.inlineHeadBytes(), config.inlineTailBytes());
    this.holdBackBytes = config.logObjects() == LogObjects.WHEN_TRUNCATED
        ? (long) config.inlineHeadBytes() + config.inlineTailBytes() : 0;
  }

  /** Records a chunk; returns true when the caller should pause until {@link #onDrain}. */
  boolean write(Buffer chunk) {
    return record(redactor.write(chunk));
  }

  private boolean record(Buffer chunk) {
    if (chunk.length() == 0) {
      return pipe != null && pipe.writeQueueFull();
    }
    view.add(chunk);
    seen += chunk.length();
    if (pipe == null && seen <= holdBackBytes) {
      heldBack.add(chunk);
      return false;
    }
    if (pipe == null) {
      pipe = BufferPipe.onCurrentContext(services.config().uploadHighWaterBytes());
      stored = services.store().put(ref, pipe, "text/plain; charset=utf-8", deadline);
      // An upload that failed takes nothing more: drop what follows instead of pausing the exec for good.
      BufferPipe failed = pipe;
      stored.onFailure(failed::abort);
      heldBack.forEach(pipe::write);
      heldBack.clear();
    }
    pipe.write(chunk);
    return pipe.writeQueueFull();
  }

  void onDrain(Handler<Void> handler) {
    pipe.drainHandler(handler);
  }

  /**
   * Ends the log object and completes with the capture once it is stored. Never fails: a log that
   * could not be stored leaves the capture without a log object (the inline view is still whole up
   * to its limits) and says why in {@link #failure()}; the step's status does not change.
   */
  Future<OutputCapture> finish() {
    record(redactor.finish());
    if (pipe == null) {
      return Future.succeededFuture(view.capture(Optional.empty()));
    }
    pipe.end();
    return stored
        .map(object -> view.capture(Optional.of(object)))
        .otherwise(cause -> {
          failure = "storing log " + ref.uri() + " failed: " + cause.getMessage();
          return view.capture(Optional.empty());
        });
  }

  /** Why the log object could not be stored, once {@link #finish()} completed; empty when it was (or was not needed). */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }
}

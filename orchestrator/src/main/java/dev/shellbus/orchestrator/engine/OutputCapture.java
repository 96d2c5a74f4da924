package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.store.StoredObject;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * A bounded view of one output stream of one step: the head and the tail inline, the whole stream
 * in the object store. When the stream fits the head, {@code tail} is empty; when it fits head and
 * tail together, nothing is left out; otherwise {@code truncated} says bytes between them were
 * dropped from the inline view (never from the log object).
 *
 * @param head the first bytes (at most the configured head limit)
 * @param tail the last bytes after the head (at most the configured tail limit)
 * @param truncated whether bytes between head and tail were left out
 * @param totalBytes how many bytes the stream produced
 * @param log the stored stream, empty when it produced nothing
 */
public record OutputCapture(Buffer head, Buffer tail, boolean truncated, long totalBytes, Optional<StoredObject> log) {
  /** An empty stream. */
  public static OutputCapture empty() {
    return new OutputCapture(Buffer.buffer(), Buffer.buffer(), false, 0, Optional.empty());
  }
}

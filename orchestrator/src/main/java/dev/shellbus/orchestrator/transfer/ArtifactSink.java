package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.store.BufferPipe;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * The upload of one declared path while its entries stream out of {@code tar -c}: a regular file
 * is stored as its raw bytes; a directory as a tar archive of its entries, renamed to start at the
 * directory's own name (devices and fifos are left out). Bytes go through a bounded
 * {@link BufferPipe} into the store.
 */
final class ArtifactSink {
  private final String root;
  private final String base;
  private final CollectedArtifact.Kind kind;
  private final BufferPipe pipe;
  private final Future<CollectedArtifact> stored;
  private long entrySize;
  private boolean skipping;

  private ArtifactSink(String path, CollectedArtifact.Kind kind, BufferPipe pipe, Future<CollectedArtifact> stored) {
    this.root = SandboxPaths.relative(path);
    this.base = SandboxPaths.baseName(path);
    this.kind = kind;
    this.pipe = pipe;
    this.stored = stored;
  }

  static ArtifactSink open(String path, CollectedArtifact.Kind kind, ObjectStore store, ArtifactKeys keys,
      long highWaterMark, Deadline deadline) {
    BufferPipe pipe = BufferPipe.onCurrentContext(highWaterMark);
    boolean file = kind == CollectedArtifact.Kind.FILE;
    ObjectRef ref = file ? keys.file(path) : keys.directory(path);
    Future<CollectedArtifact> stored = store.put(ref, pipe, file ? "application/octet-stream" : "application/x-tar", deadline)
        .map(object -> new CollectedArtifact(path, kind, object));
    return new ArtifactSink(path, kind, pipe, stored);
  }

  /** Whether an entry named {@code name} (relative to /) belongs to this path. */
  boolean accepts(String name) {
    return name.equals(root) || kind == CollectedArtifact.Kind.DIRECTORY && name.startsWith(root + "/");
  }

  void entry(TarEntry entry) {
    if (kind == CollectedArtifact.Kind.DIRECTORY) {
      String name = base + entry.name().substring(root.length());
      String link = entry.type() == TarEntry.Type.HARDLINK && accepts(entry.linkName())
          ? base + entry.linkName().substring(root.length()) : entry.linkName();
      entrySize = entry.type() == TarEntry.Type.FILE ? entry.size() : 0;
      skipping = entry.type() == TarEntry.Type.OTHER;
      if (!skipping) {
        pipe.write(TarHeaders.header(entry.renamed(name, link)));
      }
    }
  }

  void data(Buffer chunk) {
    if (!skipping) {
      pipe.write(chunk);
    }
  }

  void entryEnd() {
    if (kind == CollectedArtifact.Kind.DIRECTORY && !skipping) {
      pipe.write(TarHeaders.padding(entrySize));
    }
  }

  /** Ends the object; the future completes once the store has it. */
  Future<CollectedArtifact> close() {
    if (kind == CollectedArtifact.Kind.DIRECTORY) {
      pipe.write(TarHeaders.endOfArchive());
    }
    pipe.end();
    return stored;
  }

  void abort(Throwable cause) {
    pipe.abort(cause);
  }

  boolean full() {
    return pipe.writeQueueFull();
  }

  void onDrain(Handler<Void> handler) {
    pipe.drainHandler(handler);
  }

  Future<CollectedArtifact> stored() {
    return stored;
  }
}

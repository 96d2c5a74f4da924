package dev.shellbus.orchestrator.transfer;

import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * Writes a tar archive onto a write stream (an interactive exec's stdin, or a pipe into the object
 * store) one entry at a time, honouring the stream's backpressure and cutting writes into chunks
 * of at most {@code maxChunk} bytes (the gateway takes stdin frames under 1 MiB). Entry content can
 * come from a stream whose length is known in advance, such as an object-store download; a stream
 * that delivers more or fewer bytes than announced fails the entry. Call the methods one after the
 * other, each after the previous future completed.
 */
public final class TarStreamWriter {
  private final WriteStream<Buffer> out;
  private final int maxChunk;
  private Throwable failure;

  public TarStreamWriter(WriteStream<Buffer> out, int maxChunk) {
    this.out = out;
    this.maxChunk = maxChunk;
  }

  /** Writes an entry without data (a directory or a link). */
  public Future<Void> addEntry(TarEntry entry) {
    if (entry.hasData()) {
      throw new IllegalArgumentException("entry " + entry.name() + " has data; use addBuffer or addStream");
    }
    return write(TarHeaders.header(entry));
  }

  /** Writes a file entry whose content is in memory; {@code entry.size()} must match. */
  public Future<Void> addBuffer(TarEntry entry, Buffer content) {
    if (entry.size() != content.length()) {
      throw new IllegalArgumentException("entry size " + entry.size() + " != content length " + content.length());
    }
    return write(TarHeaders.header(entry).appendBuffer(content).appendBuffer(TarHeaders.padding(entry.size())));
  }

  /** Writes a file entry whose {@code entry.size()} bytes come from {@code content}. */
  public Future<Void> addStream(TarEntry entry, ReadStream<Buffer> content) {
    content.pause();
    return write(TarHeaders.header(entry)).compose(v -> pump(entry, content));
  }

  /** Writes the end-of-archive marker and ends the stream. */
  public Future<Void> finish() {
    return write(TarHeaders.endOfArchive()).compose(v -> out.end());
  }

  private Future<Void> pump(TarEntry entry, ReadStream<Buffer> content) {
    Promise<Void> done = Promise.promise();
    long[] count = {0};
    content.exceptionHandler(done::tryFail);
    content.endHandler(v -> {
      if (count[0] != entry.size()) {
        done.tryFail(sizeMismatch(entry, count[0]));
      } else {
        write(TarHeaders.padding(entry.size())).onComplete(done);
      }
    });
    content.handler(chunk -> {
      count[0] += chunk.length();
      if (count[0] > entry.size() || failure != null) {
        content.pause();
        done.tryFail(failure != null ? failure : sizeMismatch(entry, count[0]));
        return;
      }
      writeChunks(chunk);
      if (out.writeQueueFull()) {
        content.pause();
        out.drainHandler(d -> content.resume());
      }
    });
    content.resume();
    return done.future();
  }

  private Future<Void> write(Buffer data) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    writeChunks(data);
    if (!out.writeQueueFull()) {
      return failure == null ? Future.succeededFuture() : Future.failedFuture(failure);
    }
    Promise<Void> drained = Promise.promise();
    out.drainHandler(v -> drained.tryComplete());
    return drained.future();
  }

  private void writeChunks(Buffer data) {
    for (int at = 0; at < data.length(); at += maxChunk) {
      Buffer slice = data.slice(at, Math.min(data.length(), at + maxChunk));
      out.write(slice).onFailure(f -> failure = failure == null ? f : failure);
    }
  }

  private static ShellbusException sizeMismatch(TarEntry entry, long got) {
    return new ShellbusException(FailureCode.INPUT_UNAVAILABLE,
        "content of " + entry.name() + " was " + got + " bytes, announced " + entry.size());
  }
}

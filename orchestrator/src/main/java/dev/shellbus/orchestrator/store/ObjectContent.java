package dev.shellbus.orchestrator.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An object being read: its length as the store reported it and its bytes as a flow-controlled
 * stream. The stream starts paused until a handler is set (or {@code resume}/{@code fetch} is
 * called); the caller must consume it or the underlying connection stays open.
 *
 * @param size the object's content length in bytes
 * @param body the bytes, in order
 */
public record ObjectContent(long size, ReadStream<Buffer> body) {}

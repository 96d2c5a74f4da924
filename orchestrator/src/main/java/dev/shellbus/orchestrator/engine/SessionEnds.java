package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.FailureCode;
import dev.shellbus.orchestrator.ShellbusException;
import dev.shellbus.orchestrator.store.ObjectContent;
import dev.shellbus.orchestrator.store.ObjectRef;
import dev.shellbus.orchestrator.store.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collector;

/**
 * The note the reaper leaves when it ends a session, so that the session's next call answers {@code
 * SESSION_EXPIRED} with the reason instead of a bare "not open". One small JSON object per session at {@code
 * <prefix>/_sessions/<tenant>/<session>/end.json} (label forms; no request directory can start with {@code _}); a
 * normal close removes it. Reading it is the rare path: only a session call that found no sandbox does.
 */
public final class SessionEnds {

  /** Most bytes of a note that are read; a note is a few hundred bytes. */
  private static final int MAX_BYTES = 16 * 1024;

  /**
   * Why a session ended.
   *
   * @param rule the reaper's rule ({@code session-idle}, {@code session-lifetime}, ...)
   * @param reason one line for the caller
   * @param at when it was reaped
   * @param sandboxName the sandbox that was deleted
   */
  public record SessionEnd(String rule, String reason, Instant at, String sandboxName) {
    Buffer encode() {
      return new JsonObject().put("v", 1).put("rule", rule).put("reason", reason).put("at", at.toString())
          .put("sandbox", sandboxName).toBuffer();
    }

    static SessionEnd decode(Buffer bytes) {
      JsonObject json = bytes.toJsonObject();
      return new SessionEnd(json.getString("rule", ""), json.getString("reason", ""),
          Instant.parse(json.getString("at")), json.getString("sandbox", ""));
    }
  }

  private SessionEnds() {}

  /** Where the note of a session goes. */
  public static ObjectRef ref(String bucket, String keyPrefix, String tenant, String sessionId) {
    return new ObjectRef(bucket, (keyPrefix.isEmpty() ? "" : keyPrefix + "/") + "_sessions/"
        + SandboxNaming.labelValue(tenant) + "/" + SandboxNaming.labelValue(sessionId) + "/end.json");
  }

  /** Leaves the note. */
  public static Future<Void> write(ObjectStore store, ObjectRef ref, SessionEnd end, Deadline deadline) {
    return store.put(ref, end.encode(), "application/json", deadline).mapEmpty();
  }

  /** Removes the note; a missing note is fine. */
  public static Future<Void> clear(ObjectStore store, ObjectRef ref, Deadline deadline) {
    return store.delete(ref, deadline);
  }

  /** Reads the note, empty when there is none (or it is unreadable: the caller then says "not open"). */
  public static Future<Optional<SessionEnd>> read(ObjectStore store, ObjectRef ref, Deadline deadline) {
    return store.get(ref, deadline).compose(SessionEnds::collect).map(bytes -> {
      try {
        return Optional.of(SessionEnd.decode(bytes));
      } catch (RuntimeException e) {
        return Optional.<SessionEnd>empty();
      }
    }).recover(e -> e instanceof ShellbusException se && se.code() == FailureCode.NOT_FOUND
        ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
  }

  private static Future<Buffer> collect(ObjectContent content) {
    if (content.size() > MAX_BYTES) {
      content.body().handler(null).resume();
      return Future.failedFuture(new IllegalArgumentException("session note of " + content.size() + " bytes"));
    }
    Future<Buffer> all = content.body().collect(Collector.of(Buffer::buffer, Buffer::appendBuffer,
        Buffer::appendBuffer));
    content.body().resume();
    return all;
  }
}

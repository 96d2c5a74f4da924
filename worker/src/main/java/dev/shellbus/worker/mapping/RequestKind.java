package dev.shellbus.worker.mapping;

import dev.shellbus.events.v1.Cancel;
import dev.shellbus.events.v1.CloseSession;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.GetFiles;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.PutFiles;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * The body kinds of a {@code SandboxRequest}, with the lower-case tag value metrics and telemetry use
 * ({@code shellbus.request.kind}: run_job, open_session, exec, put_files, get_files, close_session, cancel).
 */
public enum RequestKind {
  /** A batch job. */
  RUN_JOB,
  /** Opening a session. */
  OPEN_SESSION,
  /** A command in a session. */
  EXEC,
  /** Files into a session. */
  PUT_FILES,
  /** Files out of a session. */
  GET_FILES,
  /** Closing a session. */
  CLOSE_SESSION,
  /** Stopping another request. */
  CANCEL,
  /** A body this worker does not know (never from a valid request). */
  UNKNOWN;

  /** Returns the kind of {@code request}'s body. */
  public static RequestKind of(SandboxRequest request) {
    Object body = request.getBody();
    if (body instanceof RunJob) {
      return RUN_JOB;
    } else if (body instanceof OpenSession) {
      return OPEN_SESSION;
    } else if (body instanceof Exec) {
      return EXEC;
    } else if (body instanceof PutFiles) {
      return PUT_FILES;
    } else if (body instanceof GetFiles) {
      return GET_FILES;
    } else if (body instanceof CloseSession) {
      return CLOSE_SESSION;
    } else if (body instanceof Cancel) {
      return CANCEL;
    }
    return UNKNOWN;
  }

  /** Returns the session id named by the body, if it is a session request. */
  public static Optional<String> sessionId(SandboxRequest request) {
    Object body = request.getBody();
    String id = null;
    if (body instanceof OpenSession b) {
      id = b.getSessionId();
    } else if (body instanceof Exec b) {
      id = b.getSessionId();
    } else if (body instanceof PutFiles b) {
      id = b.getSessionId();
    } else if (body instanceof GetFiles b) {
      id = b.getSessionId();
    } else if (body instanceof CloseSession b) {
      id = b.getSessionId();
    }
    return Optional.ofNullable(id).filter(s -> !s.isEmpty());
  }

  /** Returns the tag value, e.g. {@code run_job}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}

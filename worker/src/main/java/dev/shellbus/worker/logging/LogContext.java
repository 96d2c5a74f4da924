package dev.shellbus.worker.logging;

import dev.shellbus.events.LogSafe;
import dev.shellbus.events.TelemetryAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * A request's ids for the SLF4J MDC: {@link #run(Runnable)} puts them, runs the logging code and removes them again.
 * Vert.x runs many requests on one event-loop thread, so the ids are set around each log call rather than left on
 * the thread. The keys are the shared OpenTelemetry attribute keys ({@code shellbus.request.id}, {@code
 * shellbus.session.id}, {@code sandbox.id}, {@code sandbox.name}, {@code shellbus.tenant}), which the JSON layout
 * writes as fields. Values come from the request, so each is made {@link LogSafe} (at most 256 characters plus a
 * clipping marker, control characters escaped); log lines that run in a context leave these ids out of their message.
 */
public final class LogContext {

  private final Map<String, String> ids = new LinkedHashMap<>();

  private LogContext() {}

  /** The ids of a request; null values are left out. */
  public static LogContext of(String requestId, String sessionId, String sandboxId, String sandboxName,
      String tenant) {
    LogContext c = new LogContext();
    c.put(TelemetryAttributes.REQUEST_ID, requestId);
    c.put(TelemetryAttributes.SESSION_ID, sessionId);
    c.put(TelemetryAttributes.SANDBOX_ID, sandboxId);
    c.put(TelemetryAttributes.SANDBOX_NAME, sandboxName);
    c.put(TelemetryAttributes.TENANT, tenant);
    return c;
  }

  private void put(String key, String value) {
    if (value != null && !value.isEmpty()) {
      ids.put(key, LogSafe.id(value));
    }
  }

  /** Runs {@code logging} with the ids in the MDC, restoring what was there before. */
  public void run(Runnable logging) {
    Map<String, String> before = new LinkedHashMap<>();
    ids.forEach((k, v) -> {
      String old = MDC.get(k);
      if (old != null) {
        before.put(k, old);
      }
      MDC.put(k, v);
    });
    try {
      logging.run();
    } finally {
      ids.keySet().forEach(MDC::remove);
      before.forEach(MDC::put);
    }
  }
}

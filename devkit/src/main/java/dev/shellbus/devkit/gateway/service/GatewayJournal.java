package dev.shellbus.devkit.gateway.service;

import dev.shellbus.devkit.gateway.store.SandboxLogs;
import dev.shellbus.devkit.gateway.store.SandboxRecord;
import dev.shellbus.gateway.v1.PlatformEvent;
import dev.shellbus.gateway.v1.SandboxLogLine;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the gateway does to a sandbox into that sandbox's log ring (source {@code "gateway"}) and platform
 * event ring, and mirrors it to the process log.
 *
 * <p>Like the real gateway, the lines describe lifecycle only; exec output never lands here.
 */
public final class GatewayJournal {

  /** The {@code target} of the gateway's own log lines. */
  public static final String TARGET = "shellbus_dev_gateway::sandbox";
  /** The {@code source} of the gateway's platform events: the compute driver name. */
  public static final String EVENT_SOURCE = "local";

  private static final Logger LOG = LoggerFactory.getLogger(GatewayJournal.class);

  private final SandboxLogs logs;

  /** Creates a journal that writes into {@code logs}. */
  public GatewayJournal(SandboxLogs logs) {
    this.logs = logs;
  }

  /** Writes an INFO line. */
  public void info(SandboxRecord record, String message) {
    line(record.id(), record.name(), "INFO", message, "gateway");
  }

  /** Writes a WARN line. */
  public void warn(SandboxRecord record, String message) {
    line(record.id(), record.name(), "WARN", message, "gateway");
  }

  /** Writes an ERROR line. */
  public void error(SandboxRecord record, String message) {
    line(record.id(), record.name(), "ERROR", message, "gateway");
  }

  /**
   * Appends one log line to the ring of the sandbox {@code id}.
   *
   * @param source {@code "gateway"} for the gateway's own lines, {@code "sandbox"} for lines from inside the sandbox
   */
  public void line(String id, String name, String level, String message, String source) {
    logs.append(SandboxLogLine.newBuilder()
        .setSandboxId(id)
        .setTimestampMs(System.currentTimeMillis())
        .setLevel(level)
        .setTarget(TARGET)
        .setMessage(message)
        .setSource(source)
        .putAllFields(Map.of("sandbox_id", id, "sandbox_name", name))
        .build());
    switch (level) {
      case "ERROR" -> LOG.error("sandbox {} ({}): {}", name, id, message);
      case "WARN" -> LOG.warn("sandbox {} ({}): {}", name, id, message);
      default -> LOG.info("sandbox {} ({}): {}", name, id, message);
    }
  }

  /** Records a platform event of type {@code Normal}. */
  public void normal(SandboxRecord record, String reason, String message) {
    event(record, "Normal", reason, message);
  }

  /** Records a platform event of type {@code Warning}. */
  public void warning(SandboxRecord record, String reason, String message) {
    event(record, "Warning", reason, message);
  }

  private void event(SandboxRecord record, String type, String reason, String message) {
    logs.record(record.id(), PlatformEvent.newBuilder()
        .setTimestampMs(System.currentTimeMillis())
        .setSource(EVENT_SOURCE)
        .setType(type)
        .setReason(reason)
        .setMessage(message)
        .putMetadata("sandbox_id", record.id())
        .putMetadata("sandbox_name", record.name())
        .build());
  }
}

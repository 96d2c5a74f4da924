package dev.shellbus.events.audit;

import dev.shellbus.events.v1.AuditEvent;

/**
 * OCSF status and severity of an audited activity: Success is Informational (severity 1), Failure is Medium
 * (severity 3), Unknown is Other (severity 99).
 */
public enum OcsfOutcome {
  /** The activity succeeded. */
  SUCCESS(1, "Success", 1),
  /** The activity failed. */
  FAILURE(2, "Failure", 3),
  /** The outcome is not known (the worker lost track, e.g. a delete whose answer never came). */
  UNKNOWN(0, "Unknown", 99);

  private final int statusId;
  private final String status;
  private final int severityId;

  OcsfOutcome(int statusId, String status, int severityId) {
    this.statusId = statusId;
    this.status = status;
    this.severityId = severityId;
  }

  /** Returns the OCSF status_id. */
  public int statusId() {
    return statusId;
  }

  /** Returns the OCSF status caption. */
  public String status() {
    return status;
  }

  /** Returns the OCSF severity_id. */
  public int severityId() {
    return severityId;
  }

  /** Sets status, status_id and severity_id on {@code builder}. */
  public AuditEvent.Builder applyTo(AuditEvent.Builder builder) {
    return builder.setStatus(status).setStatusId(statusId).setSeverityId(severityId);
  }
}

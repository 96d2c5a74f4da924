package dev.shellbus.worker.audit;

import dev.shellbus.events.audit.OcsfActivity;
import dev.shellbus.events.audit.OcsfOutcome;
import dev.shellbus.events.v1.AuditActor;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.AuditFile;
import dev.shellbus.events.v1.AuditMetadata;
import dev.shellbus.orchestrator.engine.RequestContext;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds OCSF 1.3.0 aligned {@code AuditEvent}s for one request: who (principal, tenant, worker), which request,
 * session and sandbox, and the class, activity and outcome. Messages must already be free of secrets.
 */
public final class AuditFactory {

  private final String version;

  /** Creates a factory writing {@code version} as the product version. */
  public AuditFactory(String version) {
    this.version = version;
  }

  /** Starts an event of {@code activity} with {@code outcome} at {@code at}, for {@code context}. */
  public AuditEvent.Builder start(RequestContext context, OcsfActivity activity, OcsfOutcome outcome, Instant at) {
    return start(context.principal(), context.tenant(), context.workerId(), context.requestId(),
        context.sessionId().orElse(null), activity, outcome, at);
  }

  /**
   * Starts an event of {@code activity} with {@code outcome} at {@code at} acting for {@code principal} of
   * {@code tenant} (the reaper acts for shellbus itself).
   */
  public AuditEvent.Builder start(String principal, String tenant, String workerId, String requestId,
      String sessionId, OcsfActivity activity, OcsfOutcome outcome, Instant at) {
    AuditEvent.Builder b = AuditEvent.newBuilder().setTime(at)
        .setActor(AuditActor.newBuilder().setPrincipal(principal).setTenant(tenant).setWorkerId(workerId).build())
        .setRequestId(requestId).setSessionId(sessionId)
        .setMetadata(AuditMetadata.newBuilder().setEventUid(UUID.randomUUID().toString())
            .setProductVersion(version).setOcsfVersion(OcsfActivity.OCSF_VERSION).build());
    activity.applyTo(b);
    outcome.applyTo(b);
    return b;
  }

  /** A file record for File System Activity. */
  public static AuditFile file(String path, Long size, String sha256, String uri) {
    return AuditFile.newBuilder().setPath(path).setSize(size).setSha256(sha256).setUri(uri).build();
  }
}

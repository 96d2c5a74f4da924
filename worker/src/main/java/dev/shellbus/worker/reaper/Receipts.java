package dev.shellbus.worker.reaper;

import dev.shellbus.events.audit.OcsfActivity;
import dev.shellbus.events.audit.OcsfOutcome;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.orchestrator.engine.SandboxLabels;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.worker.audit.AuditFactory;
import dev.shellbus.worker.kafka.OutboundRecord;
import dev.shellbus.worker.mapping.Outbound;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The receipt of one reap: a lifecycle event ({@code SESSION_EXPIRED} or {@code REAPED}) keyed like the sandbox's
 * request (the session id for a session, else the request id), and an OCSF API Activity "Delete" audit event. Both
 * carry the rule and the sandbox's age: lifecycle in {@code reason} ({@code <rule>: <why>}) and in the
 * {@code reap.rule} and {@code sandbox.age_ms} attributes; audit in its message. Ids come from the sandbox's labels
 * (their label forms, which equal the ids for every id within the request rules' 63 characters).
 */
final class Receipts {

  /** The principal of audit events the reaper writes: it acts for shellbus itself, not for a caller. */
  static final String PRINCIPAL = "shellbus-reaper";

  private final Outbound outbound;
  private final AuditFactory audit;
  private final String reaperId;

  Receipts(Outbound outbound, AuditFactory audit, String reaperId) {
    this.outbound = outbound;
    this.audit = audit;
    this.reaperId = reaperId;
  }

  List<OutboundRecord> of(Verdict verdict, Instant at, Duration took) {
    SandboxInfo sandbox = verdict.sandbox();
    Map<String, String> labels = sandbox.labels();
    String request = labels.get(SandboxLabels.REQUEST);
    String session = labels.get(SandboxLabels.SESSION);
    String tenant = labels.get(SandboxLabels.TENANT);
    int attempt = (int) SandboxLabels.number(labels, SandboxLabels.ATTEMPT);
    String reason = verdict.rule().label() + ": " + verdict.reason();
    LifecycleEvent event = LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
        .setRequestId(request).setSessionId(session).setTenant(tenant).setWorkerId(reaperId)
        .setSandboxId(sandbox.handle().id()).setSandboxName(sandbox.handle().name())
        .setType(verdict.rule().receipt()).setAt(at).setAttempt(attempt).setReason(reason)
        .setElapsedMs(verdict.age().toMillis())
        .setAttributes(Map.of("reap.rule", verdict.rule().label(), "sandbox.age_ms",
            Long.toString(verdict.age().toMillis())))
        .build();
    AuditEvent audited = audit.start(PRINCIPAL, tenant, reaperId, request, session, OcsfActivity.API_DELETE,
            OcsfOutcome.SUCCESS, at)
        .setSandboxId(sandbox.handle().id()).setSandboxName(sandbox.handle().name())
        .setApiOperation("DeleteSandbox").setDurationMs(took.toMillis())
        .setMessage("sandbox reaped, " + reason + " (age " + ReapPolicy.text(verdict.age()) + ")").build();
    return List.of(outbound.lifecycle(session != null ? session : request, event), outbound.audit(audited));
  }
}

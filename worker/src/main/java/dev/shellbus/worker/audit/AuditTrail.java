package dev.shellbus.worker.audit;

import dev.shellbus.events.audit.OcsfActivity;
import dev.shellbus.events.audit.OcsfOutcome;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.orchestrator.engine.EngineEvent;
import dev.shellbus.orchestrator.engine.RequestContext;
import dev.shellbus.orchestrator.engine.RequestState;
import dev.shellbus.orchestrator.engine.StepResult;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.transfer.InputReceipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit view of one request attempt: turns its engine events into audit events, each stamped with the moment
 * its thing happened.
 *
 * <p>API Activity for sandbox create (also a failed one), delete (also a failed one) and each provider attached at
 * creation; Process Activity Launch and Terminate for each step or Exec, with the argv redacted by the request's
 * {@link SecretScrubber}, the exit code and the duration; File System Activity Read for each artifact and snapshot
 * stored, and Create for each input written (path, size and SHA-256). Used on the request's context only.
 */
public final class AuditTrail {

  private final AuditFactory factory;
  private final RequestContext context;
  private final List<String> providers;
  private final SecretScrubber scrubber;
  private Instant createSent;

  /**
   * Creates the trail of one attempt.
   *
   * @param providers providers attached when its sandbox is created
   */
  public AuditTrail(AuditFactory factory, RequestContext context, List<String> providers, SecretScrubber scrubber) {
    this.factory = factory;
    this.context = context;
    this.providers = List.copyOf(providers);
    this.scrubber = scrubber;
  }

  /** Returns the audit events {@code e} causes, often none. */
  public List<AuditEvent> on(EngineEvent e) {
    List<AuditEvent> out = new ArrayList<>();
    if (e instanceof EngineEvent.PhaseChanged p) {
      phase(p).forEach(out::add);
    } else if (e instanceof EngineEvent.SandboxCreated c) {
      String how = c.adopted() ? " (adopted after a retried create)" : "";
      out.add(api(e, OcsfActivity.API_CREATE, OcsfOutcome.SUCCESS, "CreateSandbox", "sandbox created" + how, c.took()));
      providers.forEach(p -> out.add(api(e, OcsfActivity.API_CREATE, OcsfOutcome.SUCCESS, "AttachSandboxProvider",
          "provider " + p + " attached at creation", c.took())));
    } else if (e instanceof EngineEvent.SandboxDeleted d) {
      out.add(api(e, OcsfActivity.API_DELETE, OcsfOutcome.SUCCESS, "DeleteSandbox", "sandbox deleted", d.took()));
    } else if (e instanceof EngineEvent.SandboxDeleteFailed f) {
      out.add(api(e, OcsfActivity.API_DELETE, OcsfOutcome.FAILURE, "DeleteSandbox",
          "sandbox delete failed; the reaper retries", f.took()));
    } else if (e instanceof EngineEvent.StepStarted s) {
      out.add(base(e, OcsfActivity.PROCESS_LAUNCH, OcsfOutcome.SUCCESS).setProcessArgv(scrubber.argv(s.spec().argv()))
          .setMessage("step " + s.index() + " (" + s.spec().name() + ") started").build());
    } else if (e instanceof EngineEvent.StepFinished f) {
      out.add(terminated(f));
    } else if (e instanceof EngineEvent.ArtifactStored a) {
      boolean snapshot = a.kind() == EngineEvent.StoredKind.SNAPSHOT;
      out.add(base(e, OcsfActivity.FILE_READ, OcsfOutcome.SUCCESS)
          .setFile(AuditFactory.file(a.path(), a.object().size(), a.object().sha256(), a.object().uri()))
          .setMessage(snapshot ? "workspace snapshot stored" : "artifact stored").build());
    } else if (e instanceof EngineEvent.InputWritten w) {
      InputReceipt r = w.receipt();
      out.add(base(e, OcsfActivity.FILE_CREATE, OcsfOutcome.SUCCESS)
          .setFile(AuditFactory.file(r.path(), r.size(), r.sha256(), r.source().isEmpty() ? null : r.source()))
          .setMessage("input written into the sandbox").build());
    }
    return out;
  }

  private List<AuditEvent> phase(EngineEvent.PhaseChanged p) {
    if (p.header().to() == RequestState.CREATING) {
      createSent = p.at();
    } else if (p.cause() == EngineEvent.Cause.FAILURE && p.header().from() == RequestState.CREATING) {
      Duration took = createSent == null ? null : Duration.between(createSent, p.at());
      return List.of(api(p, OcsfActivity.API_CREATE, OcsfOutcome.FAILURE, "CreateSandbox",
          "sandbox create failed: " + p.reason().map(scrubber::text).orElse(""), took));
    }
    return List.of();
  }

  private AuditEvent terminated(EngineEvent.StepFinished f) {
    StepResult result = f.result();
    OcsfOutcome outcome = result.status() == StepResult.Status.SUCCEEDED ? OcsfOutcome.SUCCESS : OcsfOutcome.FAILURE;
    return base(f, OcsfActivity.PROCESS_TERMINATE, outcome).setProcessArgv(scrubber.argv(f.spec().argv()))
        .setExitCode(result.exitCode().orElse(null)).setDurationMs(f.duration().toMillis())
        .setMessage("step " + result.index() + " (" + result.name() + ") ended " + result.status().name()).build();
  }

  private AuditEvent api(EngineEvent e, OcsfActivity activity, OcsfOutcome outcome, String operation, String message,
      Duration took) {
    return base(e, activity, outcome).setApiOperation(operation).setMessage(message)
        .setDurationMs(took == null ? null : took.toMillis()).build();
  }

  private AuditEvent.Builder base(EngineEvent e, OcsfActivity activity, OcsfOutcome outcome) {
    EngineEvent.Header h = e.header();
    return factory.start(context, activity, outcome, h.at())
        .setSandboxId(h.sandbox().map(SandboxHandle::id).orElse(null))
        .setSandboxName(h.sandbox().map(SandboxHandle::name).or(h::sandboxName).orElse(null));
  }
}

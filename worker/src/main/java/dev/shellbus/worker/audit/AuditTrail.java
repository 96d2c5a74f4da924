package dev.shellbus.worker.audit;

import dev.shellbus.events.audit.OcsfActivity;
import dev.shellbus.events.audit.OcsfOutcome;
import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.orchestrator.engine.LifecycleTransition;
import dev.shellbus.orchestrator.engine.RequestContext;
import dev.shellbus.orchestrator.engine.RequestEvent;
import dev.shellbus.orchestrator.engine.RequestState;
import dev.shellbus.orchestrator.engine.StepSpec;
import dev.shellbus.orchestrator.transfer.InputReceipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit view of one request attempt: turns its lifecycle transitions into audit events as they happen.
 *
 * <p>API Activity for sandbox create (also a failed one), delete (also a failed one) and each provider attached at
 * creation; Process Activity Launch and Terminate for each step or Exec, with the argv redacted by the request's
 * {@link SecretScrubber}, the exit code and the duration; File System Activity Read for each artifact and snapshot
 * stored, and Create for each input written (from the outcome's receipts, path, size and SHA-256). Used on the
 * request's context only.
 */
public final class AuditTrail {

  private final AuditFactory factory;
  private final RequestContext context;
  private final List<StepSpec> steps;
  private final List<String> providers;
  private final SecretScrubber scrubber;
  private final Map<Integer, Instant> stepStarts = new HashMap<>();
  private Instant createSent;
  private String sandboxId;
  private String sandboxName;

  /**
   * Creates the trail of one attempt.
   *
   * @param steps the commands it runs, by index (one for an Exec, none for other session calls)
   * @param providers providers attached when its sandbox is created
   */
  public AuditTrail(AuditFactory factory, RequestContext context, List<StepSpec> steps, List<String> providers,
      SecretScrubber scrubber) {
    this.factory = factory;
    this.context = context;
    this.steps = List.copyOf(steps);
    this.providers = List.copyOf(providers);
    this.scrubber = scrubber;
  }

  /** Returns the audit events {@code t} causes, often none. */
  public List<AuditEvent> on(LifecycleTransition t) {
    t.sandbox().ifPresent(h -> {
      sandboxId = h.id();
      sandboxName = h.name();
    });
    t.sandboxName().ifPresent(n -> sandboxName = sandboxName == null ? n : sandboxName);
    List<AuditEvent> out = new ArrayList<>();
    switch (t.event()) {
      case CREATE -> createSent = t.at();
      case SANDBOX_CREATED, SANDBOX_ADOPTED -> {
        String how = t.event() == RequestEvent.SANDBOX_ADOPTED ? " (adopted after a retried create)" : "";
        out.add(api(t, OcsfActivity.API_CREATE, OcsfOutcome.SUCCESS, "CreateSandbox", "sandbox created" + how));
        providers.forEach(p -> out.add(api(t, OcsfActivity.API_CREATE, OcsfOutcome.SUCCESS, "AttachSandboxProvider",
            "provider " + p + " attached at creation")));
      }
      case FAIL -> {
        if (t.from() == RequestState.CREATING) {
          out.add(api(t, OcsfActivity.API_CREATE, OcsfOutcome.FAILURE, "CreateSandbox",
              "sandbox create failed: " + t.reason().map(scrubber::text).orElse("")));
        }
      }
      case SANDBOX_DELETED -> out.add(api(t, OcsfActivity.API_DELETE, OcsfOutcome.SUCCESS, "DeleteSandbox",
          "sandbox deleted"));
      case SANDBOX_DELETE_FAILED -> out.add(api(t, OcsfActivity.API_DELETE, OcsfOutcome.FAILURE, "DeleteSandbox",
          "sandbox delete failed; the reaper retries"));
      case STEP_STARTED -> step(t, true).ifPresent(out::add);
      case STEP_FINISHED -> step(t, false).ifPresent(out::add);
      case ARTIFACT_STORED -> out.add(fileRead(t));
      default -> { }
    }
    return out;
  }

  /** Returns File System Activity Create events for the inputs written, at {@code at}. */
  public List<AuditEvent> inputs(List<InputReceipt> receipts, Instant at) {
    return receipts.stream().map(r -> base(OcsfActivity.FILE_CREATE, OcsfOutcome.SUCCESS, at)
        .setFile(AuditFactory.file(r.path(), r.size(), r.sha256(), r.source().isEmpty() ? null : r.source()))
        .setMessage("input written into the sandbox").build()).toList();
  }

  private AuditEvent api(LifecycleTransition t, OcsfActivity activity, OcsfOutcome outcome, String operation,
      String message) {
    AuditEvent.Builder b = base(activity, outcome, t.at()).setApiOperation(operation).setMessage(message);
    if (t.event() != RequestEvent.SANDBOX_DELETED && t.event() != RequestEvent.SANDBOX_DELETE_FAILED
        && createSent != null) {
      b.setDurationMs(Duration.between(createSent, t.at()).toMillis());
    } else if (t.event() == RequestEvent.SANDBOX_DELETED || t.event() == RequestEvent.SANDBOX_DELETE_FAILED) {
      b.setDurationMs(t.inPreviousState().toMillis());
    }
    return b.build();
  }

  private java.util.Optional<AuditEvent> step(LifecycleTransition t, boolean launch) {
    String indexText = t.attributes().get("step.index");
    if (indexText == null) {
      return java.util.Optional.empty();
    }
    int index = Integer.parseInt(indexText);
    List<String> argv = index < steps.size() ? scrubber.argv(steps.get(index).argv()) : List.of();
    String name = t.attributes().getOrDefault("step.name", "");
    if (launch) {
      stepStarts.put(index, t.at());
      return java.util.Optional.of(base(OcsfActivity.PROCESS_LAUNCH, OcsfOutcome.SUCCESS, t.at())
          .setProcessArgv(argv).setMessage("step " + index + " (" + name + ") started").build());
    }
    String status = t.attributes().getOrDefault("step.status", "");
    String exit = t.attributes().get("exit.code");
    Instant started = stepStarts.getOrDefault(index, t.at());
    OcsfOutcome outcome = "SUCCEEDED".equals(status) ? OcsfOutcome.SUCCESS
        : exit == null && status.isEmpty() ? OcsfOutcome.UNKNOWN : OcsfOutcome.FAILURE;
    return java.util.Optional.of(base(OcsfActivity.PROCESS_TERMINATE, outcome, t.at()).setProcessArgv(argv)
        .setExitCode(exit == null ? null : Integer.parseInt(exit))
        .setDurationMs(Duration.between(started, t.at()).toMillis())
        .setMessage("step " + index + " (" + name + ") ended " + status).build());
  }

  private AuditEvent fileRead(LifecycleTransition t) {
    Map<String, String> a = t.attributes();
    boolean snapshot = "snapshot".equals(a.get("artifact.kind"));
    String path = a.getOrDefault("artifact.path", snapshot ? "/sandbox" : "");
    String size = a.get("artifact.size");
    return base(OcsfActivity.FILE_READ, OcsfOutcome.SUCCESS, t.at())
        .setFile(AuditFactory.file(path, size == null ? null : Long.parseLong(size), a.get("artifact.sha256"),
            a.get("artifact.uri")))
        .setMessage(snapshot ? "workspace snapshot stored" : "artifact stored").build();
  }

  private AuditEvent.Builder base(OcsfActivity activity, OcsfOutcome outcome, Instant at) {
    return factory.start(context, activity, outcome, at).setSandboxId(sandboxId).setSandboxName(sandboxName);
  }

  /** Returns the sandbox id seen so far, or null. */
  public String sandboxId() {
    return sandboxId;
  }
}

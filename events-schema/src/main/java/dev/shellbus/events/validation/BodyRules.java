package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.v1.Cancel;
import dev.shellbus.events.v1.CloseSession;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.GetFiles;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.PutFiles;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.Step;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules for each request body kind; each returns the inline bytes (inputs plus stdin) the body carries. */
final class BodyRules {

  private static final String F = "body";

  private BodyRules() {}

  static long runJob(Findings findings, RunJob job) {
    SpecRules.check(findings, F + ".spec", job.getSpec());
    long inline = InputRules.check(findings, F + ".inputs", job.getInputs(), false);
    inline += steps(findings, F + ".steps", job.getSteps());
    InputRules.paths(findings, F + ".artifact_paths", job.getArtifactPaths(), false);
    Integer keep = job.getKeepSandboxTtlSeconds();
    if (keep != null && (keep < 1 || keep > Limits.MAX_KEEP_SANDBOX_TTL_SECONDS)) {
      findings.add(F + ".keep_sandbox_ttl_seconds", ErrorCode.INVALID_REQUEST,
          "must be 1 to " + Limits.MAX_KEEP_SANDBOX_TTL_SECONDS);
    }
    return inline;
  }

  private static long steps(Findings findings, String field, List<Step> steps) {
    if (steps == null || steps.isEmpty()) {
      findings.add(field, ErrorCode.INVALID_REQUEST, "a job needs at least one step");
      return 0;
    }
    if (!findings.max(field, steps.size(), Limits.MAX_STEPS, "steps")) {
      return 0;
    }
    Set<String> names = new HashSet<>();
    long inline = 0;
    for (int i = 0; i < steps.size(); i++) {
      String f = field + "[" + i + "]";
      Step step = steps.get(i);
      if (step == null) {
        findings.add(f, ErrorCode.INVALID_REQUEST, "step is null");
        continue;
      }
      if (findings.required(f + ".name", step.getName()) && !Names.ID.matcher(step.getName()).matches()) {
        findings.add(f + ".name", ErrorCode.INVALID_REQUEST, "1-63 characters of [A-Za-z0-9._-], alphanumeric ends");
      } else if (step.getName() != null && !names.add(step.getName())) {
        findings.add(f + ".name", ErrorCode.INVALID_REQUEST, "another step has the same name");
      }
      inline += CommandRules.check(findings, f, step.getArgv(), step.getWorkdir(), step.getEnv(),
          step.getSecretEnvKeys(), step.getStdin(), step.getTimeoutSeconds());
    }
    return inline;
  }

  static long openSession(Findings findings, OpenSession open) {
    Names.id(findings, F + ".session_id", open.getSessionId());
    SpecRules.check(findings, F + ".spec", open.getSpec());
    int ttl = open.getIdleTtlSeconds();
    if (ttl < Limits.MIN_IDLE_TTL_SECONDS || ttl > Limits.MAX_IDLE_TTL_SECONDS) {
      findings.add(F + ".idle_ttl_seconds", ErrorCode.INVALID_REQUEST,
          "must be " + Limits.MIN_IDLE_TTL_SECONDS + " to " + Limits.MAX_IDLE_TTL_SECONDS);
    }
    if (open.getRestoreSnapshotUri() != null) {
      ObjectUris.check(findings, F + ".restore_snapshot_uri", open.getRestoreSnapshotUri());
    }
    return InputRules.check(findings, F + ".inputs", open.getInputs(), false);
  }

  static long exec(Findings findings, Exec exec) {
    Names.id(findings, F + ".session_id", exec.getSessionId());
    return CommandRules.check(findings, F, exec.getArgv(), exec.getWorkdir(), exec.getEnv(),
        exec.getSecretEnvKeys(), exec.getStdin(), exec.getTimeoutSeconds());
  }

  static long putFiles(Findings findings, PutFiles put) {
    Names.id(findings, F + ".session_id", put.getSessionId());
    return InputRules.check(findings, F + ".inputs", put.getInputs(), true);
  }

  static long getFiles(Findings findings, GetFiles get) {
    Names.id(findings, F + ".session_id", get.getSessionId());
    InputRules.paths(findings, F + ".paths", get.getPaths(), true);
    return 0;
  }

  static long closeSession(Findings findings, CloseSession close) {
    Names.id(findings, F + ".session_id", close.getSessionId());
    return 0;
  }

  static long cancel(Findings findings, Cancel cancel, String requestId) {
    Names.id(findings, F + ".target_request_id", cancel.getTargetRequestId());
    if (cancel.getTargetRequestId() != null && cancel.getTargetRequestId().equals(requestId)) {
      findings.add(F + ".target_request_id", ErrorCode.INVALID_REQUEST, "a request cannot cancel itself");
    }
    String reason = cancel.getReason();
    if (reason != null && reason.length() > Limits.MAX_REASON_LENGTH) {
      findings.add(F + ".reason", ErrorCode.PAYLOAD_TOO_LARGE, "over " + Limits.MAX_REASON_LENGTH + " characters");
    }
    return 0;
  }
}

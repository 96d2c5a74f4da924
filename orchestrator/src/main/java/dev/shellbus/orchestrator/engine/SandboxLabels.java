package dev.shellbus.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code shellbus.dev/} labels on every sandbox shellbus creates. They make a sandbox findable
 * by the reaper and a session recoverable by any worker: managed, request, tenant, worker,
 * attempt, and for sessions the session id, the idle TTL in seconds and the expiry in epoch
 * seconds. Values pass through {@link SandboxNaming#labelValue(String)}.
 */
public final class SandboxLabels {
  public static final String MANAGED = "shellbus.dev/managed";
  public static final String REQUEST = "shellbus.dev/request";
  public static final String TENANT = "shellbus.dev/tenant";
  public static final String SESSION = "shellbus.dev/session";
  public static final String WORKER = "shellbus.dev/worker";
  public static final String ATTEMPT = "shellbus.dev/attempt";
  public static final String KIND = "shellbus.dev/kind";
  public static final String IDLE_TTL = "shellbus.dev/idle-ttl";
  public static final String EXPIRES_AT = "shellbus.dev/expires-at";
  /**
   * On the sandbox of a {@code keep_sandbox} job: seconds it may stay after the job ended, or {@link
   * #KEEP_TTL_DEFAULT} for the reaper's {@code reaper.keep-sandbox-ttl}.
   */
  public static final String KEEP_TTL = "shellbus.dev/keep-ttl";
  /** The {@link #KEEP_TTL} value that leaves the TTL to the reaper's configuration. */
  public static final String KEEP_TTL_DEFAULT = "default";

  private SandboxLabels() {}

  /** The number a label holds (attempt, idle TTL, expiry, keep TTL); missing or malformed reads as zero. */
  public static long number(Map<String, String> labels, String key) {
    String value = labels.get(key);
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The labels of a job sandbox, on top of the caller's extra labels. */
  public static Map<String, String> job(RequestContext context, Map<String, String> extra) {
    Map<String, String> labels = common(context, extra);
    labels.put(KIND, "job");
    return labels;
  }

  /** The labels of the sandbox of {@code job}: a kept one also says how long it may stay ({@link #KEEP_TTL}). */
  public static Map<String, String> job(Requests.Job job) {
    Map<String, String> labels = job(job.context(), job.sandbox().labels());
    if (job.keepSandbox()) {
      labels.put(KEEP_TTL, job.keepSandboxTtl().map(ttl -> Long.toString(ttl.toSeconds())).orElse(KEEP_TTL_DEFAULT));
    }
    return labels;
  }

  /** The labels of a session sandbox. */
  public static Map<String, String> session(RequestContext context, Map<String, String> extra, Duration idleTtl, Instant expiresAt) {
    Map<String, String> labels = common(context, extra);
    labels.put(KIND, "session");
    labels.put(SESSION, SandboxNaming.labelValue(context.requireSession()));
    labels.put(IDLE_TTL, Long.toString(idleTtl.toSeconds()));
    labels.put(EXPIRES_AT, Long.toString(expiresAt.getEpochSecond()));
    return labels;
  }

  /** The selector that finds the sandboxes of one session of one tenant. */
  public static Map<String, String> sessionSelector(String tenant, String sessionId) {
    return Map.of(MANAGED, "true", TENANT, SandboxNaming.labelValue(tenant), SESSION, SandboxNaming.labelValue(sessionId));
  }

  /** Whether {@code labels} say the sandbox was created for this very request and attempt. */
  public static boolean ownedBy(Map<String, String> labels, RequestContext context) {
    return "true".equals(labels.get(MANAGED))
        && SandboxNaming.labelValue(context.requestId()).equals(labels.get(REQUEST))
        && SandboxNaming.labelValue(context.tenant()).equals(labels.get(TENANT))
        && Integer.toString(context.attempt()).equals(labels.get(ATTEMPT));
  }

  private static Map<String, String> common(RequestContext context, Map<String, String> extra) {
    Map<String, String> labels = new HashMap<>();
    extra.forEach((key, value) -> {
      if (!key.startsWith("shellbus.dev/")) {
        labels.put(key, value);
      }
    });
    labels.put(MANAGED, "true");
    labels.put(REQUEST, SandboxNaming.labelValue(context.requestId()));
    labels.put(TENANT, SandboxNaming.labelValue(context.tenant()));
    labels.put(WORKER, SandboxNaming.labelValue(context.workerId()));
    labels.put(ATTEMPT, Integer.toString(context.attempt()));
    return labels;
  }
}

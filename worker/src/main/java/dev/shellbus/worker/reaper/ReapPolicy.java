package dev.shellbus.worker.reaper;

import dev.shellbus.orchestrator.engine.SandboxLabels;
import dev.shellbus.orchestrator.gateway.SandboxInfo;
import dev.shellbus.orchestrator.gateway.SandboxPhase;
import dev.shellbus.worker.config.ReaperSettings;
import dev.shellbus.worker.reaper.ClusterView.RequestSeen;
import dev.shellbus.worker.reaper.ClusterView.SessionSeen;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for one sandbox, whether a rule says it must go. Pure: the sandbox, what Kafka said, the time and the
 * settings in, a verdict out.
 *
 * <p>It never reaps a sandbox without shellbus's own labels ({@code shellbus.dev/managed=true} with a request, a
 * tenant, a kind and an attempt), nor one already being deleted. Session sandboxes end by time only (idle TTL since
 * the last call with none running on a live worker, or maximum lifetime), or when their session was closed and the close's delete
 * failed: a session outlives the worker that opened it. Job sandboxes end when their request is over (the
 * {@code keep_sandbox} TTL after it ended, or at once after {@code reaper.grace} when their delete failed or a later
 * attempt superseded theirs), when the worker of their unfinished attempt is dead, or as leftovers when no request
 * state knows their request.
 */
final class ReapPolicy {

  private final ReaperSettings settings;

  ReapPolicy(ReaperSettings settings) {
    this.settings = settings;
  }

  Optional<Verdict> judge(SandboxInfo sandbox, ClusterView view, Instant now) {
    Map<String, String> labels = sandbox.labels();
    if (!"true".equals(labels.get(SandboxLabels.MANAGED)) || sandbox.phase() == SandboxPhase.DELETING) {
      return Optional.empty();
    }
    String request = labels.get(SandboxLabels.REQUEST);
    String tenant = labels.get(SandboxLabels.TENANT);
    String kind = labels.get(SandboxLabels.KIND);
    int attempt = (int) Math.min(Integer.MAX_VALUE, SandboxLabels.number(labels, SandboxLabels.ATTEMPT));
    if (request == null || tenant == null || kind == null || attempt < 1) {
      return Optional.empty();
    }
    Duration age = Duration.between(Instant.ofEpochMilli(sandbox.createdAtMs()), now);
    Optional<Verdict.Draft> draft = switch (kind) {
      case "session" -> session(sandbox, tenant, view, now, age);
      case "job" -> job(sandbox, request, attempt, view, now, age);
      default -> Optional.empty();
    };
    return draft.map(d -> new Verdict(sandbox, d.rule(), d.reason(), age));
  }

  private Optional<Verdict.Draft> session(SandboxInfo sandbox, String tenant, ClusterView view, Instant now,
      Duration age) {
    Map<String, String> labels = sandbox.labels();
    String sessionId = labels.get(SandboxLabels.SESSION);
    if (sessionId == null) {
      return Optional.empty();
    }
    long expiresAt = SandboxLabels.number(labels, SandboxLabels.EXPIRES_AT);
    if (expiresAt > 0 && !now.isBefore(Instant.ofEpochSecond(expiresAt))) {
      return draft(ReapRule.SESSION_LIFETIME, "session " + sessionId + " reached its maximum lifetime at "
          + Instant.ofEpochSecond(expiresAt) + " (age " + text(age) + ")");
    }
    Instant created = Instant.ofEpochMilli(sandbox.createdAtMs());
    SessionSeen seen = view.session(ClusterView.sessionKey(tenant, sessionId)).orElse(SessionSeen.empty());
    if (seen.closedAt().isPresent() && seen.closedAt().get().isAfter(created)
        && seen.closedAt().get().plus(settings.grace()).isBefore(now)) {
      return draft(ReapRule.DELETE_FAILED, "session " + sessionId + " was closed at " + seen.closedAt().get()
          + " and its sandbox is still there");
    }
    Duration ttl = Duration.ofSeconds(SandboxLabels.number(labels, SandboxLabels.IDLE_TTL));
    boolean inUse = seen.running().values().stream().anyMatch(worker -> view.worker(worker)
        .map(w -> !w.deadAt(now, settings.deadWorkerIntervals())).orElse(false));
    if (ttl.isZero() || inUse) {
      return Optional.empty();
    }
    Instant last = seen.lastActivity().isAfter(created) ? seen.lastActivity() : created;
    Duration idle = Duration.between(last, now);
    if (idle.compareTo(ttl) >= 0) {
      return draft(ReapRule.SESSION_IDLE, "session " + sessionId + " idle for " + text(idle) + " (idle TTL "
          + text(ttl) + ", age " + text(age) + ")");
    }
    return Optional.empty();
  }

  private Optional<Verdict.Draft> job(SandboxInfo sandbox, String request, int attempt, ClusterView view,
      Instant now, Duration age) {
    Optional<RequestSeen> state = view.request(request);
    if (state.isEmpty()) {
      return age.compareTo(settings.leftoverAge()) >= 0
          ? draft(ReapRule.LEFTOVER, "no request state knows request " + request + " (age " + text(age) + ")")
          : Optional.empty();
    }
    RequestSeen seen = state.get();
    if (seen.attempt() > attempt) {
      return lingering(seen.updatedAt(), now, ReapRule.DELETE_FAILED, "attempt " + attempt + " of request "
          + request + " was superseded by attempt " + seen.attempt());
    }
    if (seen.done()) {
      String keep = sandbox.labels().get(SandboxLabels.KEEP_TTL);
      if (keep != null) {
        Duration ttl = keep.equals(SandboxLabels.KEEP_TTL_DEFAULT) ? settings.keepSandboxTtl()
            : Duration.ofSeconds(SandboxLabels.number(sandbox.labels(), SandboxLabels.KEEP_TTL));
        return seen.updatedAt().plus(ttl).isBefore(now) ? draft(ReapRule.KEEP_TTL, "request " + request + " ended at " + seen.updatedAt() + "; its kept sandbox's TTL (" + text(ttl)
            + ") is over") : Optional.empty();
      }
      return lingering(seen.updatedAt(), now, ReapRule.DELETE_FAILED, "request " + request + " ended at "
          + seen.updatedAt() + " and its sandbox is still there");
    }
    String worker = seen.workerId().isEmpty() ? sandbox.labels().getOrDefault(SandboxLabels.WORKER, "")
        : seen.workerId();
    boolean dead = view.worker(worker).map(w -> w.deadAt(now, settings.deadWorkerIntervals()))
        .orElse(age.compareTo(settings.leftoverAge()) >= 0);
    return dead && seen.attempt() == attempt
        ? draft(ReapRule.DEAD_WORKER, "worker " + worker + " of attempt " + attempt + " of request " + request
            + " is dead (age " + text(age) + ")")
        : Optional.empty();
  }

  /** A verdict once {@code since} plus the grace has passed {@code now}. */
  private Optional<Verdict.Draft> lingering(Instant since, Instant now, ReapRule rule, String reason) {
    return since.plus(settings.grace()).isBefore(now) ? draft(rule, reason) : Optional.empty();
  }

  private static Optional<Verdict.Draft> draft(ReapRule rule, String reason) {
    return Optional.of(new Verdict.Draft(rule, reason));
  }

  /** A duration as {@code 1h2m3s}. */
  static String text(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return (s >= 3600 ? s / 3600 + "h" : "") + (s >= 60 ? s / 60 % 60 + "m" : "") + s % 60 + "s";
  }
}

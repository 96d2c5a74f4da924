package dev.shellbus.worker.reaper;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reaper knows from Kafka: the last heartbeat of each worker, the state of each request, and each session's
 * last activity, calls in progress and close. Written by the {@link ViewReader}'s thread, read by reaper passes on
 * another thread: the maps are concurrent and their values immutable.
 *
 * <p>Requests and sessions are keyed by the label form of their ids ({@code SandboxNaming.labelValue}), the form
 * the sandbox labels carry, so a sandbox finds its request without parsing.
 */
final class ClusterView {

  /** The last heartbeat of a worker. */
  record WorkerSeen(Instant at, Duration interval, boolean stopped) {
    /** Whether the worker counts as dead at {@code now}: stopped, or silent for {@code intervals} periods. */
    boolean deadAt(Instant now, int intervals) {
      return stopped || at.plus(interval.multipliedBy(intervals)).isBefore(now);
    }
  }

  /** The state of a request on the request-state topic. */
  record RequestSeen(boolean done, int attempt, String workerId, Instant updatedAt) {}

  /**
   * What lifecycle events said about a session.
   *
   * @param lastActivity the time of its latest event
   * @param running requests (label form) of the session that started and have not ended, with the worker running
   *     each
   * @param closedAt when its latest close was seen, if its latest open or close was a close
   */
  record SessionSeen(Instant lastActivity, Map<String, String> running, Optional<Instant> closedAt) {
    SessionSeen {
      running = Map.copyOf(running);
    }

    static SessionSeen empty() {
      return new SessionSeen(Instant.EPOCH, Map.of(), Optional.empty());
    }
  }

  private final Map<String, WorkerSeen> workers = new ConcurrentHashMap<>();
  private final Map<String, RequestSeen> requests = new ConcurrentHashMap<>();
  private final Map<String, SessionSeen> sessions = new ConcurrentHashMap<>();

  void worker(String workerId, WorkerSeen seen) {
    workers.put(workerId, seen);
  }

  void workerGone(String workerId) {
    workers.remove(workerId);
  }

  void request(String requestLabel, RequestSeen seen) {
    requests.put(requestLabel, seen);
  }

  void requestGone(String requestLabel) {
    requests.remove(requestLabel);
  }

  /** Records an event of a session's request: it started, ended, or neither (progress). */
  void sessionEvent(String sessionKey, String requestLabel, String workerId, Instant at, SessionChange change) {
    sessions.merge(sessionKey, apply(SessionSeen.empty(), requestLabel, workerId, at, change),
        (old, ignored) -> apply(old, requestLabel, workerId, at, change));
  }

  private static SessionSeen apply(SessionSeen old, String request, String workerId, Instant at,
      SessionChange change) {
    Instant last = at.isAfter(old.lastActivity()) ? at : old.lastActivity();
    Map<String, String> running = new HashMap<>(old.running());
    Optional<Instant> closed = old.closedAt();
    switch (change) {
      case STARTED -> running.put(request, workerId);
      case ENDED -> running.remove(request);
      case OPENED -> closed = Optional.empty();
      case CLOSED -> closed = Optional.of(at);
      case PROGRESS -> { }
    }
    return new SessionSeen(last, running, closed);
  }

  /** How an event changes its session. */
  enum SessionChange {
    STARTED,
    ENDED,
    OPENED,
    CLOSED,
    PROGRESS
  }

  Optional<WorkerSeen> worker(String workerId) {
    return Optional.ofNullable(workers.get(workerId));
  }

  Optional<RequestSeen> request(String requestLabel) {
    return Optional.ofNullable(requests.get(requestLabel));
  }

  Optional<SessionSeen> session(String sessionKey) {
    return Optional.ofNullable(sessions.get(sessionKey));
  }

  /** The key of a session: tenant and session id, in label form. */
  static String sessionKey(String tenantLabel, String sessionLabel) {
    return tenantLabel + "/" + sessionLabel;
  }

  int workers() {
    return workers.size();
  }

  int requests() {
    return requests.size();
  }

  int sessions() {
    return sessions.size();
  }
}

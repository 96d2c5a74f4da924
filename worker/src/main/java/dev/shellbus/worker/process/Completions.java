package dev.shellbus.worker.process;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.v1.EncodedPolicy;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.NamedPolicy;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.validation.RequestValidator;
import dev.shellbus.events.validation.Violation;
import dev.shellbus.worker.kafka.Completion;
import dev.shellbus.worker.mapping.LifecycleMapper;
import dev.shellbus.worker.mapping.Outbound;
import dev.shellbus.worker.mapping.ResultMapper;
import dev.shellbus.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Validation and the completions of requests that do not run: REJECTED for a request that breaks a rule (the
 * events-schema validator plus the worker's own rule that no named policies are configured), TIMED_OUT for a later
 * attempt whose deadline passed meanwhile, FAILED with INTERRUPTED when the attempts ran out. Each completion carries
 * the result and the terminal lifecycle event.
 */
final class Completions {

  private final RequestValidator validator;
  private final ResultMapper results;
  private final WorkerMetrics metrics;
  private final String workerId;
  private final Clock clock;
  private final Outbound outbound;

  Completions(RequestValidator validator, ResultMapper results, WorkerMetrics metrics, String workerId, Clock clock,
      Outbound outbound) {
    this.outbound = outbound;
    this.validator = validator;
    this.results = results;
    this.metrics = metrics;
    this.workerId = workerId;
    this.clock = clock;
  }

  /** Returns every broken rule of {@code request}. */
  List<Violation> validate(SandboxRequest request) {
    List<Violation> found = new ArrayList<>(validator.validate(request));
    SandboxSpec spec = request.getBody() instanceof RunJob job ? job.getSpec()
        : request.getBody() instanceof OpenSession open ? open.getSpec() : null;
    if (spec != null && spec.getPolicy() != null && !(spec.getPolicy() instanceof EncodedPolicy)) {
      String name = spec.getPolicy() instanceof NamedPolicy named ? named.getName() : "?";
      found.add(new Violation("body.spec.policy", ErrorCode.POLICY_VIOLATION,
          "named policy '" + name + "' is not configured on this worker; send an encoded policy"));
    }
    return found;
  }

  /** Whether every violation is only about a passed deadline. */
  static boolean onlyDeadline(List<Violation> violations) {
    return violations.stream().allMatch(v -> v.code() == ErrorCode.DEADLINE_EXCEEDED);
  }

  /** REJECTED with the first violation's code and every violation in the message. */
  /** The violations in one line, {@code field: code: message} joined by {@code ; }. */
  static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  Completion rejected(RequestTrack track, List<Violation> violations) {
    String message = describe(violations);
    return notRun(track, ResultStatus.REJECTED, violations.get(0).code(), message);
  }

  /** A terminal result for a request that did not run, with its terminal lifecycle event. */
  Completion notRun(RequestTrack track, ResultStatus status, ErrorCode code, String message) {
    Instant now = clock.instant();
    SandboxResult result = results.notRun(track.request, track.in.attempt(), status, code, message,
        track.acceptedAt, now);
    LifecycleEvent terminal = LifecycleMapper.own(track.request, track.in.attempt(), workerId,
        LifecycleType.valueOf(status.name()), code.name() + ": " + track.scrubber.text(message), now,
        Duration.between(track.acceptedAt, now));
    metrics.requestFinished(track.kind.tag(), status.name().toLowerCase(Locale.ROOT),
        Duration.between(track.acceptedAt, now));
    return of(track, result, List.of(terminal));
  }

  /** The completion of {@code track}: {@code result}, then {@code events} (the terminal one last). */
  Completion of(RequestTrack track, SandboxResult result, List<LifecycleEvent> events) {
    return new Completion(outbound.result(track.in, result),
        events.stream().map(e -> outbound.lifecycle(track.in, e)).toList());
  }
}

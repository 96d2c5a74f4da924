package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.v1.Cancel;
import dev.shellbus.events.v1.CloseSession;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.GetFiles;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.PutFiles;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Checks a decoded {@link SandboxRequest} against every rule of BEHAVIOR.md that needs no external state.
 *
 * <p>It reports all violations it finds, not only the first, so a REJECTED result tells the caller everything to
 * fix. An empty list means the request may run; the worker still enforces what depends on configuration (allowed
 * images, providers, named policies) and on state (an unknown session). A request whose deadline has passed gets a
 * {@link ErrorCode#DEADLINE_EXCEEDED} violation: it is rejected without running. Instances are immutable and
 * thread-safe.
 */
public final class RequestValidator {

  private final Clock clock;
  private final long maxInlineTotalBytes;

  /** Creates a validator with the default limits, judging deadlines against {@code clock}. */
  public RequestValidator(Clock clock) {
    this(clock, Limits.DEFAULT_MAX_INLINE_TOTAL_BYTES);
  }

  private RequestValidator(Clock clock, long maxInlineTotalBytes) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxInlineTotalBytes = maxInlineTotalBytes;
  }

  /**
   * Returns a validator allowing {@code bytes} of inline inputs plus stdin per request, at most {@link
   * Limits#MAX_INLINE_TOTAL_BYTES}. Raise it only together with the request topic's {@code max.message.bytes}.
   */
  public RequestValidator withMaxInlineTotalBytes(long bytes) {
    if (bytes < 1 || bytes > Limits.MAX_INLINE_TOTAL_BYTES) {
      throw new IllegalArgumentException("inline total must be 1 to " + Limits.MAX_INLINE_TOTAL_BYTES + " bytes");
    }
    return new RequestValidator(clock, bytes);
  }

  /** Returns every violation in {@code request}; empty when it is valid. */
  public List<Violation> validate(SandboxRequest request) {
    Findings findings = new Findings();
    if (request == null) {
      findings.add("", ErrorCode.INVALID_REQUEST, "no request");
      return findings.toList();
    }
    envelope(findings, request);
    long inline = body(findings, request.getBody(), request.getRequestId());
    findings.max("body", inline, maxInlineTotalBytes, "bytes of inline inputs and stdin", "move inputs to s3:// URIs");
    return findings.toList();
  }

  private void envelope(Findings findings, SandboxRequest request) {
    Names.id(findings, "request_id", request.getRequestId());
    Names.id(findings, "tenant", request.getTenant());
    String principal = request.getPrincipal();
    if (findings.required("principal", principal)
        && (principal.length() > Limits.MAX_PRINCIPAL_LENGTH || Utf8.hasControl(principal))) {
      findings.add("principal", ErrorCode.INVALID_REQUEST,
          "at most " + Limits.MAX_PRINCIPAL_LENGTH + " characters, no control characters");
    }
    Names.labels(findings, "labels", request.getLabels());
    Instant created = request.getCreatedAt();
    Instant deadline = request.getDeadline();
    if (created == null || deadline == null) {
      findings.add(created == null ? "created_at" : "deadline", ErrorCode.INVALID_REQUEST, "required");
    } else if (!deadline.isAfter(created)) {
      findings.add("deadline", ErrorCode.INVALID_REQUEST, "must be after created_at");
    } else if (!deadline.isAfter(clock.instant())) {
      findings.add("deadline", ErrorCode.DEADLINE_EXCEEDED, "passed before the request was accepted");
    }
  }

  private static long body(Findings findings, Object body, String requestId) {
    if (body instanceof RunJob b) {
      return BodyRules.runJob(findings, b);
    } else if (body instanceof OpenSession b) {
      return BodyRules.openSession(findings, b);
    } else if (body instanceof Exec b) {
      return BodyRules.exec(findings, b);
    } else if (body instanceof PutFiles b) {
      return BodyRules.putFiles(findings, b);
    } else if (body instanceof GetFiles b) {
      return BodyRules.getFiles(findings, b);
    } else if (body instanceof CloseSession b) {
      return BodyRules.closeSession(findings, b);
    } else if (body instanceof Cancel b) {
      return BodyRules.cancel(findings, b, requestId);
    }
    findings.add("body", ErrorCode.INVALID_REQUEST, body == null
        ? "exactly one body is required" : "unknown body type " + body.getClass().getSimpleName());
    return 0;
  }
}

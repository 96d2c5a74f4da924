package dev.shellbus.events.validation;

import dev.shellbus.events.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/** Collects violations while the rules walk a request. */
final class Findings {

  private final List<Violation> violations = new ArrayList<>();

  void add(String field, ErrorCode code, String message) {
    violations.add(new Violation(field, code, message));
  }

  /** Adds a PAYLOAD_TOO_LARGE violation when {@code size} is over {@code limit}; returns whether it was within. */
  boolean max(String field, long size, long limit, String unit) {
    return max(field, size, limit, unit, null);
  }

  /** Like {@link #max(String, long, long, String)}, with a hint on what to do instead. */
  boolean max(String field, long size, long limit, String unit, String hint) {
    if (size > limit) {
      add(field, ErrorCode.PAYLOAD_TOO_LARGE,
          size + " " + unit + ", limit " + limit + (hint == null ? "" : "; " + hint));
      return false;
    }
    return true;
  }

  /** Adds an INVALID_REQUEST violation when {@code value} is null or empty; returns whether it was present. */
  boolean required(String field, String value) {
    if (value == null || value.isEmpty()) {
      add(field, ErrorCode.INVALID_REQUEST, "required");
      return false;
    }
    return true;
  }

  /** Validates a sandbox path; returns the normal form, or null after adding an INVALID_PATH violation. */
  String path(String field, String raw) {
    PathResult result = SandboxPaths.validate(raw);
    if (result instanceof PathResult.Rejected rejected) {
      add(field, ErrorCode.INVALID_PATH, rejected.problem() + ": " + rejected.detail());
      return null;
    }
    return ((PathResult.Accepted) result).path();
  }

  List<Violation> toList() {
    return List.copyOf(violations);
  }
}

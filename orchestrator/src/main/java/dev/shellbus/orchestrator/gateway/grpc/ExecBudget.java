package dev.shellbus.orchestrator.gateway.grpc;

import java.time.Duration;

/**
 * How an exec's gateway-side {@code timeout_seconds} follows from the request's budget. The gateway
 * answers {@code exit 124} (with an OK stream) when its timeout fires, which is how the engine learns
 * a step timed out; our gRPC deadline (the whole remaining budget) must therefore outlast it, by 10 s
 * where the budget allows (contract gotcha 5). So the timeout is what was asked (or, when nothing was
 * asked, everything usable) capped at the remaining budget minus 10 s; with less than 11 s left the
 * cap is half of what is left, and never below 1 s.
 */
final class ExecBudget {
  static final Duration MARGIN = Duration.ofSeconds(10);

  private ExecBudget() {}

  static int timeoutSeconds(int requested, Duration remaining) {
    long remainingMs = remaining.toMillis();
    long usableMs = remainingMs - MARGIN.toMillis();
    if (usableMs < 1000) {
      usableMs = remainingMs / 2;
    }
    long cap = Math.max(1, Math.min(Integer.MAX_VALUE, usableMs / 1000));
    return (int) (requested <= 0 ? cap : Math.min(requested, cap));
  }
}

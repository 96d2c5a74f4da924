package dev.shellbus.worker.reaper;

import dev.shellbus.orchestrator.gateway.SandboxInfo;
import java.time.Duration;

/**
 * The decision to reap one sandbox.
 *
 * @param sandbox the gateway's record of it
 * @param rule the rule it broke
 * @param reason one line saying why, for the receipt and the log (no secrets: built from labels and times only)
 * @param age how long the sandbox has existed
 */
public record Verdict(SandboxInfo sandbox, ReapRule rule, String reason, Duration age) {

  /** A rule and reason before the sandbox's age is attached. */
  public record Draft(ReapRule rule, String reason) {}
}

package dev.shellbus.orchestrator.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one sandbox as the gateway reported it.
 *
 * @param handle id, name and workspace
 * @param phase the phase at the time of the snapshot
 * @param labels the sandbox labels (shellbus finds its own sandboxes by these)
 * @param createdAtMs creation time, epoch milliseconds
 * @param image the image the gateway recorded (the driver default when none was asked for)
 * @param readyReason reason of the {@code Ready} condition, empty when none
 * @param mainExitCode exit code of the main process when it exited (which implies ERROR)
 */
public record SandboxInfo(
    SandboxHandle handle,
    SandboxPhase phase,
    Map<String, String> labels,
    long createdAtMs,
    String image,
    String readyReason,
    Optional<Integer> mainExitCode) {
  public SandboxInfo {
    labels = Map.copyOf(labels);
    image = image == null ? "" : image;
    readyReason = readyReason == null ? "" : readyReason;
  }
}

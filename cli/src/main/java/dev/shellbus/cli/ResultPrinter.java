package dev.shellbus.cli;

import dev.shellbus.events.v1.Artifact;
import dev.shellbus.events.v1.ErrorInfo;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.OutputCapture;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.StepResult;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formats lifecycle events and results for {@code shellbus submit --follow}. */
public final class ResultPrinter {

  /** How many characters of an inline stdout or stderr head are printed. */
  public static final int MAX_HEAD_CHARS = 2000;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final PrintWriter out;
  private final ZoneId zone;

  /** Creates a printer writing to {@code out}, showing times in {@code zone}. */
  public ResultPrinter(PrintWriter out, ZoneId zone) {
    this.out = out;
    this.zone = zone;
  }

  /** Prints one line for a lifecycle event: time, type, step, exit code and reason when present. */
  public void lifecycle(LifecycleEvent event) {
    StringBuilder line = new StringBuilder();
    line.append(TIME.format(event.getAt().atZone(zone))).append(' ').append(event.getType());
    if (event.getStepIndex() != null || event.getStepName() != null) {
      line.append(" step");
      if (event.getStepIndex() != null) {
        line.append(' ').append(event.getStepIndex());
      }
      if (event.getStepName() != null) {
        line.append(' ').append(event.getStepName());
      }
    }
    if (event.getExitCode() != null) {
      line.append(" exit=").append(event.getExitCode());
    }
    if (event.getElapsedMs() != null) {
      line.append(" (").append(event.getElapsedMs()).append(" ms)");
    }
    if (event.getReason() != null) {
      line.append(" reason: ").append(event.getReason());
    }
    out.println(line);
    out.flush();
  }

  /** Prints the result: status, steps with exit codes and output heads, artifacts and the error. */
  public void result(SandboxResult result) {
    StringBuilder head = new StringBuilder("result: ").append(result.getStatus());
    if (result.getTimings() != null) {
      head.append(" in ").append(Duration.between(
          result.getTimings().getAcceptedAt(), result.getTimings().getFinishedAt()).toMillis()).append(" ms");
    }
    head.append(" (attempt ").append(result.getAttempt()).append(", worker ").append(result.getWorkerId()).append(')');
    out.println(head);
    for (StepResult step : result.getSteps()) {
      out.println("  step " + step.getIndex() + " " + step.getName() + ": " + step.getStatus()
          + (step.getExitCode() == null ? "" : " exit " + step.getExitCode()));
      capture("stdout", step.getStdout());
      capture("stderr", step.getStderr());
    }
    for (Artifact artifact : result.getArtifacts()) {
      out.println("  artifact " + artifact.getPath() + " -> " + artifact.getUri()
          + " sha256=" + artifact.getSha256() + " size=" + artifact.getSize());
    }
    if (result.getSnapshotUri() != null) {
      out.println("  snapshot " + result.getSnapshotUri());
    }
    if (result.getManifestUri() != null) {
      out.println("  manifest " + result.getManifestUri());
    }
    ErrorInfo error = result.getError();
    if (error != null) {
      out.println("  error " + error.getCode() + ": " + error.getMessage() + (error.getRetryable() ? " (retryable)" : ""));
    }
    out.flush();
  }

  private void capture(String name, OutputCapture capture) {
    if (capture == null || capture.getTotalBytes() == 0 && capture.getHead().remaining() == 0) {
      return;
    }
    String text = utf8(capture.getHead());
    boolean cut = text.length() > MAX_HEAD_CHARS;
    if (cut) {
      text = text.substring(0, MAX_HEAD_CHARS);
    }
    out.println("    " + name + ":");
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        out.println("      | " + line);
      }
    }
    if (cut || capture.getTruncated()) {
      out.println("      [truncated: " + capture.getTotalBytes() + " bytes in total"
          + (capture.getLogUri() == null ? "" : ", full log " + capture.getLogUri()) + "]");
      String tail = utf8(capture.getTail());
      if (capture.getTruncated() && !tail.isEmpty()) {
        out.println("      ... tail:");
        for (String line : tail.split("\n")) {
          out.println("      | " + line);
        }
      }
    }
  }

  private static String utf8(ByteBuffer bytes) {
    return bytes == null ? "" : StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
  }

  /** Returns the exit code of {@code submit --follow} for a result: 0 succeeded, 2 rejected, else 1. */
  public static int exitCode(SandboxResult result) {
    return switch (result.getStatus()) {
      case SUCCEEDED -> 0;
      case REJECTED -> 2;
      default -> 1;
    };
  }
}

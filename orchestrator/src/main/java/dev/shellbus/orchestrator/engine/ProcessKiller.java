package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.transfer.ExecCapture;
import dev.shellbus.orchestrator.transfer.ExecLauncher;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kills a step's command inside a sandbox that outlives it. The real gateway does not signal a
 * command whose exec was cancelled or timed out (exit 124), so each step records its pid in a
 * file under /tmp and execs the command in place; a kill sends TERM, then KILL two seconds later.
 * Descendants that left the command's process are not reached. A kill is an exec like any other: the attempt's
 * fence is asked first.
 */
final class ProcessKiller {
  /** The kill helper gets a short timeout of its own; ExecLimit caps it by the budget. */
  private static final int KILL_TIMEOUT_SECONDS = 10;
  private static final String RECORD = "echo $$ > \"$0\" && exec \"$@\"";
  private static final String KILL = "p=$(cat \"$1\" 2>/dev/null) || exit 0; kill -TERM \"$p\" 2>/dev/null; "
      + "sleep 2; kill -KILL \"$p\" 2>/dev/null; rm -f \"$1\"; exit 0";

  private ProcessKiller() {}

  /** The pid file of one step of this attempt. */
  static String pidFile(RequestContext context, int index) {
    return pidFile(context, context.attempt(), index);
  }

  /** The pid file of one step of attempt {@code attempt} of the request. */
  static String pidFile(RequestContext context, int attempt, int index) {
    return "/tmp/.shellbus-" + SandboxNaming.labelValue(context.requestId()) + "-" + attempt + "-" + index + ".pid";
  }

  /** {@code argv} wrapped so that it records its pid in {@code pidFile} first. */
  static List<String> wrap(List<String> argv, String pidFile) {
    List<String> wrapped = new ArrayList<>(List.of("sh", "-c", RECORD, pidFile));
    wrapped.addAll(argv);
    return wrapped;
  }

  /**
   * Kills the command recorded in {@code pidFile} (at once when there is no such file); never fails, and does nothing
   * when {@code fence} is up.
   */
  static Future<Void> kill(EngineServices services, SandboxHandle sandbox, String pidFile, Deadline bound,
      ExecLauncher.Observer fence) {
    ExecSpec spec = new ExecSpec(List.of("sh", "-c", KILL, "sh", pidFile), "", Map.of(), null,
        KILL_TIMEOUT_SECONDS);
    return services.launcher().exec(sandbox, spec, bound, fence)
        .compose(ExecCapture::of)
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }
}

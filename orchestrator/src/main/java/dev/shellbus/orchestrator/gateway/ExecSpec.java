package dev.shellbus.orchestrator.gateway;

import java.util.List;
import java.util.Map;

/**
 * One command to run in a sandbox. The gateway shell-quotes each argv element and runs the result
 * under {@code bash -lc}; pipes and redirects need {@code ["bash","-c",script]}.
 *
 * @param argv the command, at least one element
 * @param workdir working directory inside the sandbox, empty for the workspace root
 * @param environment per-exec env (added to the sandbox env)
 * @param stdin bytes written to stdin before EOF (non-interactive exec only; under 1 MiB in total)
 * @param timeoutSeconds the caller's own timeout (a step's {@code timeout_seconds}), 0 for none; the adapter turns it
 *     and the request's remaining budget into the gateway-side timeout ({@link ExecLimit}), and the gateway answers
 *     exit 124 when that fires
 */
public record ExecSpec(List<String> argv, String workdir, Map<String, String> environment, byte[] stdin, int timeoutSeconds) {
  /** No timeout of the caller's own: {@link ExecLimit} bounds the exec by the request deadline alone. */
  public static final int NO_TIMEOUT = 0;

  public ExecSpec {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must not be empty");
    }
    workdir = workdir == null ? "" : workdir;
    environment = Map.copyOf(environment);
    stdin = stdin == null ? new byte[0] : stdin;
  }

  /** A command with no workdir, env, stdin or timeout. */
  public static ExecSpec of(String... argv) {
    return new ExecSpec(List.of(argv), "", Map.of(), new byte[0], 0);
  }
}

package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.redact.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One command of a job, or the command of a session Exec.
 *
 * @param name the step name, unique within the job; used in results and log object keys
 * @param argv command and arguments (not interpreted by a shell)
 * @param workdir working directory inside the sandbox, empty for the workspace root
 * @param environment extra env for this step
 * @param secretEnvKeys keys of {@code environment} whose values must never be shown
 * @param stdin bytes written to the command's stdin before EOF (under 1 MiB)
 * @param timeout the step's own timeout; zero means bounded only by the request deadline
 * @param allowFailure whether a non-zero exit neither stops nor fails the job
 */
public record StepSpec(
    String name,
    List<String> argv,
    String workdir,
    Map<String, String> environment,
    Set<String> secretEnvKeys,
    byte[] stdin,
    Duration timeout,
    boolean allowFailure) {
  public StepSpec {
    Objects.requireNonNull(name, "name");
    argv = List.copyOf(argv);
    workdir = workdir == null ? "" : workdir;
    environment = Map.copyOf(environment);
    secretEnvKeys = Set.copyOf(secretEnvKeys);
    stdin = stdin == null ? new byte[0] : stdin;
    timeout = timeout == null ? Duration.ZERO : timeout;
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("step " + name + " has an empty argv");
    }
  }

  /** The secret values of this step's env. */
  public Secrets secrets() {
    return Secrets.fromEnv(environment, secretEnvKeys);
  }

  /** A step with just a name and argv. */
  public static StepSpec of(String name, String... argv) {
    return new StepSpec(name, List.of(argv), "", Map.of(), Set.of(), null, Duration.ZERO, false);
  }

  /** This step with {@code allowFailure} set. */
  public StepSpec allowingFailure() {
    return new StepSpec(name, argv, workdir, environment, secretEnvKeys, stdin, timeout, true);
  }

  /** This step with its own timeout. */
  public StepSpec withTimeout(Duration stepTimeout) {
    return new StepSpec(name, argv, workdir, environment, secretEnvKeys, stdin, stepTimeout, allowFailure);
  }
}

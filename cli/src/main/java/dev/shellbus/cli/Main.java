package dev.shellbus.cli;

import dev.shellbus.worker.config.WorkerConfig.LogFormat;
import dev.shellbus.worker.logging.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code shellbus} command. Each subcommand is one way to run shellbus: everything in one
 * process ({@code dev}), the dev gateway alone ({@code gateway}), and the tools around them.
 */
@Command(
    name = "shellbus",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Event-driven sandbox orchestration worker for NVIDIA OpenShell.",
    subcommands = {DevCommand.class, WorkerCommand.class, GatewayCommand.class, SubmitCommand.class, TailCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with the subcommand's exit code. */
  public static void main(String[] args) {
    Logging.configure(LogFormat.TEXT, System.getenv().getOrDefault("SHELLBUS_LOG_LEVEL", "info"));
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

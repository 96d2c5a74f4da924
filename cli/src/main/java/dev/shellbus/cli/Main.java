package dev.shellbus.cli;

import dev.shellbus.worker.config.WorkerConfig.LogFormat;
import dev.shellbus.worker.logging.Logging;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * The {@code shellbus} command. Each subcommand is one way to run shellbus: everything in one
 * process ({@code dev}), the worker alone ({@code worker}), the dev gateway alone ({@code gateway}),
 * and the tools around them.
 *
 * <p>A malformed command line prints one line naming what is wrong and exits 2; an unexpected failure
 * prints one line and exits 1. Neither prints a stack trace ({@code SHELLBUS_LOG_LEVEL=debug} does).
 */
@Command(
    name = "shellbus",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Event-driven sandbox orchestration worker for NVIDIA OpenShell.",
    subcommands = {
      DevCommand.class, WorkerCommand.class, GatewayCommand.class, SubmitCommand.class, ResultCommand.class, ResultCommand.Follow.class,
      CancelCommand.class, TailCommand.class, ArtifactsCommand.class, ReaperCommand.class
    })
public final class Main implements Runnable {

  /** The commands that run a service and log like one (on stdout); the others are tools that log to stderr. */
  private static final Set<String> SERVICES = Set.of("dev", "worker", "gateway", "reaper");

  /** Exit code of a malformed command line. */
  static final int USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with the subcommand's exit code. */
  public static void main(String[] args) {
    String level = System.getenv().getOrDefault("SHELLBUS_LOG_LEVEL", "info");
    if (args.length > 0 && SERVICES.contains(args[0])) {
      Logging.configure(LogFormat.TEXT, level);
    } else {
      Logging.configureTool(level);
    }
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Returns the command line with the error handlers every entry point uses. */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setParameterExceptionHandler(Main::badUsage)
        .setExecutionExceptionHandler((e, cli, parsed) -> {
          cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + e);
          if ("debug".equalsIgnoreCase(System.getenv("SHELLBUS_LOG_LEVEL"))) {
            e.printStackTrace(cli.getErr());
          }
          return 1;
        });
  }

  private static int badUsage(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    String name = cli.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage() + " (" + name + " --help lists the flags)");
    return USAGE;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

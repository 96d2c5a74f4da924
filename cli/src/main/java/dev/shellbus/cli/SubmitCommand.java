package dev.shellbus.cli;

import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.validation.RequestValidator;
import dev.shellbus.events.validation.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shellbus submit}: publishes a request written in YAML and optionally follows it to its result. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a SandboxRequest written in YAML (see examples/README.md) and print its request id.",
      "With --follow, print its lifecycle events and result.",
      "Exit codes: 0 published (or SUCCEEDED), 1 FAILED/CANCELLED/TIMED_OUT, 2 invalid request or REJECTED,",
      "3 --timeout passed without a result, 4 Kafka unreachable."
    })
final class SubmitCommand implements Callable<Integer> {

  /** Exit code when the request file does not convert or validate, or the result is REJECTED. */
  static final int BAD_REQUEST = 2;
  /** Exit code when no result arrived in time. */
  static final int NO_RESULT = 3;
  /** Exit code when Kafka could not be reached. */
  static final int UNREACHABLE = 4;

  @Spec
  CommandSpec spec;

  @Mixin
  PublishOptions publishing;

  @Parameters(index = "0", paramLabel = "FILE", description = "The request as YAML.")
  Path file;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SandboxRequest request;
    try {
      request = new RequestYaml(Clock.systemUTC()).read(file);
    } catch (ConversionException e) {
      err.println("shellbus submit: " + file + ": " + e.getMessage());
      return BAD_REQUEST;
    } catch (NoSuchFileException e) {
      err.println("shellbus submit: " + file + ": no such file");
      return BAD_REQUEST;
    } catch (IOException e) {
      err.println("shellbus submit: cannot read " + file + ": " + e.getMessage());
      return BAD_REQUEST;
    }
    List<Violation> violations = new RequestValidator(Clock.systemUTC()).validate(request);
    if (!violations.isEmpty()) {
      err.println("shellbus submit: " + file + ": the request is invalid:");
      violations.forEach(v -> err.println("  " + v));
      return BAD_REQUEST;
    }
    return publishing.publish("shellbus submit", request, RequestPublisher.key(request), out, err);
  }
}

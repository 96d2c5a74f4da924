package dev.shellbus.cli;

import dev.shellbus.events.Topics;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.worker.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shellbus result ID} and {@code shellbus follow ID}: re-attach to a request published earlier, by reading the
 * results (and, to follow, lifecycle) topics from their oldest record. {@code result} prints the result if there is
 * one; {@code follow} prints every lifecycle event so far, then waits for the result as {@code submit --follow} does.
 */
@Command(
    name = "result",
    mixinStandardHelpOptions = true,
    description = {
      "Print the result of a request published earlier (reads shellbus.results from its oldest record).",
      "With --wait, wait for it when it is not there yet.",
      "Exit codes: 0 SUCCEEDED, 1 FAILED/CANCELLED/TIMED_OUT, 2 REJECTED, 3 no result (yet), 4 Kafka unreachable."
    })
class ResultCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOption kafka;

  @Parameters(index = "0", paramLabel = "REQUEST_ID", description = "The request id that submit printed.")
  String requestId;

  @Option(names = "--wait", description = "Wait for the result when it has not been published yet.")
  boolean waitForIt;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "10m",
      description = "How long to wait for the result, e.g. 90s or 1h (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = {"-o", "--output"}, defaultValue = "text",
      description = "text or json (one JSON object per line, for scripts; default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  /** Whether lifecycle events are printed too ({@code follow}). */
  boolean withLifecycle() {
    return false;
  }

  /** Whether the watch ends at the topics' end when the result is not there ({@code result} without --wait). */
  boolean stopAtEnd() {
    return !waitForIt;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName();
    List<String> topics = withLifecycle() ? List.of(Topics.RESULTS, Topics.LIFECYCLE) : List.of(Topics.RESULTS);
    try (EventConsumer consumer = new EventConsumer(kafka.servers, topics, true, Duration.ofSeconds(20))) {
      Optional<SandboxResult> result = new RequestWatch(consumer, requestId, output.sink(out))
          .await(Instant.now().plus(timeout), stopAtEnd(), err);
      if (result.isEmpty()) {
        err.println(name + ": no result for " + requestId + (stopAtEnd() ? " yet (--wait waits for it)"
            : " within " + Durations.format(timeout)));
        return SubmitCommand.NO_RESULT;
      }
      return ResultPrinter.exitCode(result.get());
    } catch (RuntimeException e) {
      err.println(name + ": cannot read from Kafka at " + kafka.servers + ": " + e.getMessage());
      return SubmitCommand.UNREACHABLE;
    }
  }

  /** {@code shellbus follow ID}. */
  @Command(
      name = "follow",
      mixinStandardHelpOptions = true,
      description = {
        "Re-attach to a request: print its lifecycle events so far, then as they happen, then its result.",
        "Exit codes: as submit --follow (0 SUCCEEDED, 1 FAILED/CANCELLED/TIMED_OUT, 2 REJECTED, 3 timeout, 4 Kafka)."
      })
  static final class Follow extends ResultCommand {

    @Override
    boolean withLifecycle() {
      return true;
    }

    @Override
    boolean stopAtEnd() {
      return false;
    }
  }
}

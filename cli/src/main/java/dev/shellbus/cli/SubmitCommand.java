package dev.shellbus.cli;

import dev.shellbus.events.Topics;
import dev.shellbus.events.serde.EventDecodingException;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.validation.RequestValidator;
import dev.shellbus.events.validation.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Parameters(index = "0", paramLabel = "FILE", description = "The request as YAML.")
  Path file;

  @Option(names = "--follow", description = "Wait for the result, printing lifecycle events as they happen.")
  boolean follow;

  @Option(names = "--kafka", defaultValue = "127.0.0.1:19092", description = "Bootstrap servers (default: ${DEFAULT-VALUE}, the `shellbus dev` broker).")
  String kafka;

  @Option(names = "--timeout", converter = Durations.class, description = "With --follow: give up after this long, e.g. 90s or 10m (default: the request deadline plus 1 minute).")
  Optional<Duration> timeout;

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
    } catch (IOException e) {
      err.println("shellbus submit: cannot read " + file + ": " + e);
      return BAD_REQUEST;
    }
    List<Violation> violations = new RequestValidator(Clock.systemUTC()).validate(request);
    if (!violations.isEmpty()) {
      err.println("shellbus submit: " + file + ": the request is invalid:");
      violations.forEach(v -> err.println("  " + v));
      return BAD_REQUEST;
    }
    EventConsumer follower = null;
    try {
      if (follow) {
        follower = new EventConsumer(kafka, List.of(Topics.RESULTS, Topics.LIFECYCLE), false, Duration.ofSeconds(20));
      }
      try (RequestPublisher publisher = new RequestPublisher(kafka)) {
        publisher.publish(request);
      }
      out.println(request.getRequestId());
      out.flush();
      if (follower == null) {
        return 0;
      }
      Instant until = Instant.now().plus(timeout.orElse(
          Duration.between(Instant.now(), request.getDeadline()).plusMinutes(1)));
      return follow(follower, request.getRequestId(), until, out, err);
    } catch (RequestPublisher.PublishException | RuntimeException e) {
      err.println("shellbus submit: cannot reach Kafka at " + kafka + ": " + e.getMessage());
      return UNREACHABLE;
    } finally {
      if (follower != null) {
        follower.close();
      }
    }
  }

  private static int follow(EventConsumer follower, String requestId, Instant until, PrintWriter out, PrintWriter err) {
    EventDeserializer<SandboxResult> results = new EventDeserializer<>(SandboxResult.class);
    EventDeserializer<LifecycleEvent> lifecycle = new EventDeserializer<>(LifecycleEvent.class);
    ResultPrinter printer = new ResultPrinter(out, ZoneId.systemDefault());
    while (Instant.now().isBefore(until)) {
      Duration left = Duration.between(Instant.now(), until);
      for (ConsumerRecord<String, byte[]> record : follower.consumer().poll(min(left, Duration.ofMillis(500)))) {
        try {
          if (record.topic().equals(Topics.LIFECYCLE)) {
            LifecycleEvent event = lifecycle.decode(record.value());
            if (event != null && requestId.equals(event.getRequestId())) {
              printer.lifecycle(event);
            }
          } else {
            SandboxResult result = results.decode(record.value());
            if (result != null && requestId.equals(result.getRequestId())) {
              printer.result(result);
              return ResultPrinter.exitCode(result);
            }
          }
        } catch (EventDecodingException e) {
          err.println("shellbus submit: skipping undecodable record " + record.topic() + "-" + record.partition()
              + "@" + record.offset() + ": " + e.getMessage());
        }
      }
      out.flush();
    }
    err.println("shellbus submit: no result for " + requestId + " before the timeout");
    return NO_RESULT;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? (a.isNegative() ? Duration.ZERO : a) : b;
  }
}

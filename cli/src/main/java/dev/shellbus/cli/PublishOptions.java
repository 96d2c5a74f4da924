package dev.shellbus.cli;

import dev.shellbus.events.Topics;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the commands that publish a request ({@code submit}, {@code cancel}), and the publishing itself:
 * publish under a key, print the id and, with {@code --follow}, watch the request to its result (a picocli mixin).
 */
final class PublishOptions {

  @Mixin
  KafkaOption kafka;

  @Option(names = "--follow", description = "Wait for the result, printing lifecycle events as they happen.")
  boolean follow;

  @Option(names = "--timeout", converter = DurationConverter.class,
      description = "With --follow: give up after this long, e.g. 90s or 10m (default: the request deadline plus 1 minute).")
  Optional<Duration> timeout;

  @Option(names = {"-o", "--output"}, defaultValue = "text",
      description = "text or json (one JSON object per line, for scripts; default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  /**
   * Publishes {@code request} under {@code key}, prints its id and, with {@code --follow}, waits for its result.
   * Returns the exit code: 0 published or SUCCEEDED, 1 FAILED/CANCELLED/TIMED_OUT, 2 REJECTED, 3 no result in time,
   * 4 Kafka unreachable.
   */
  int publish(String command, SandboxRequest request, String key, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    EventConsumer follower = null;
    try {
      if (follow) {
        // Positioned before publishing, so that no event of the request can come before the watch.
        follower = new EventConsumer(kafka.servers, List.of(Topics.RESULTS, Topics.LIFECYCLE), false,
            Duration.ofSeconds(20));
      }
      try (RequestPublisher publisher = new RequestPublisher(kafka.servers)) {
        publisher.publish(request, key);
      }
      output.published(out, request.getRequestId(), key);
      if (follower == null) {
        return 0;
      }
      Instant until = Instant.now().plus(timeout.orElse(
          Duration.between(Instant.now(), request.getDeadline()).plusMinutes(1)));
      Optional<SandboxResult> result = new RequestWatch(follower, request.getRequestId(), output.sink(out))
          .await(until, false, err);
      if (result.isEmpty()) {
        err.println(command + ": no result for " + request.getRequestId() + " before the timeout");
        return SubmitCommand.NO_RESULT;
      }
      return ResultPrinter.exitCode(result.get());
    } catch (RequestPublisher.PublishException | RuntimeException e) {
      err.println(command + ": cannot reach Kafka at " + kafka.servers + ": " + e.getMessage());
      return SubmitCommand.UNREACHABLE;
    } finally {
      if (follower != null) {
        follower.close();
      }
    }
  }
}

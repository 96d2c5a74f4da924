package dev.shellbus.cli;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.serde.EventDecodingException;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.worker.audit.SecretScrubber;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shellbus tail}: prints the decoded records of one shellbus topic as compact JSON lines. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Print the records of a shellbus topic as one JSON line each, until Ctrl-C, --count records or --until-end.",
      "Records that do not decode are printed as an error line with the reason.",
      "In requests, every occurrence of a secret env value (secret_env_keys) is printed as ***REDACTED***."
    })
final class TailCommand implements Callable<Integer> {

  /** The topics {@code tail} can read, by the name used on the command line. */
  enum Stream {
    results(EventKind.RESULT),
    lifecycle(EventKind.LIFECYCLE),
    audit(EventKind.AUDIT),
    workers(EventKind.HEARTBEAT),
    requests(EventKind.REQUEST);

    final EventKind kind;

    Stream(EventKind kind) {
      this.kind = kind;
    }
  }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "One of: ${COMPLETION-CANDIDATES}.")
  Stream stream;

  @Mixin
  KafkaOption kafka;

  @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
  boolean fromBeginning;

  @Option(names = "--count", defaultValue = "0", description = "Stop after this many records; 0 for no limit (default).")
  long count;

  @Option(names = {"-e", "--until-end"},
      description = "Stop at the end of the topic as it was when tail started, instead of waiting for more.")
  boolean untilEnd;

  @Option(names = "--request-id", paramLabel = "ID",
      description = "Print only the records of this request (all topics but workers).")
  Optional<String> requestId;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EventConsumer consumer;
    try {
      consumer = new EventConsumer(kafka.servers, List.of(stream.kind.defaultTopic()), fromBeginning,
          Duration.ofSeconds(20));
    } catch (RuntimeException e) {
      err.println("shellbus tail: cannot read " + stream.kind.defaultTopic() + " from " + kafka.servers + ": "
          + e.getMessage());
      return SubmitCommand.UNREACHABLE;
    }
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      consumer.consumer().wakeup();
      awaitQuietly(done);
    }, "shellbus-tail-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      tail(consumer, out);
    } catch (WakeupException stopped) {
      // Ctrl-C
    } finally {
      consumer.close();
      out.flush();
      done.countDown();
      removeHook(hook);
    }
    return 0;
  }

  private void tail(EventConsumer consumer, PrintWriter out) {
    @SuppressWarnings("unchecked")
    Class<SpecificRecord> type = (Class<SpecificRecord>) stream.kind.recordClass();
    EventDeserializer<SpecificRecord> decoder = new EventDeserializer<>(type);
    long printed = 0;
    while (count <= 0 || printed < count) {
      for (ConsumerRecord<String, byte[]> record : consumer.consumer().poll(Duration.ofMillis(500))) {
        Decoded decoded = decode(decoder, record);
        if (requestId.isPresent() && !requestId.get().equals(decoded.requestId())) {
          continue;
        }
        out.println(decoded.line());
        if (count > 0 && ++printed >= count) {
          break;
        }
      }
      out.flush();
      if (untilEnd && consumer.reachedStartEnd()) {
        return;
      }
    }
  }

  /** A record as printed, with the request id it belongs to (null for heartbeats and undecodable records). */
  record Decoded(String line, String requestId) {}

  /** Returns the JSON line of {@code record}, or an error line when it does not decode. */
  static String line(EventDeserializer<? extends SpecificRecord> decoder, ConsumerRecord<String, byte[]> record) {
    return decode(decoder, record).line();
  }

  private static Decoded decode(EventDeserializer<? extends SpecificRecord> decoder,
      ConsumerRecord<String, byte[]> record) {
    try {
      SpecificRecord value = decoder.decode(record.value());
      if (value == null) {
        return new Decoded("{\"tombstone\":true,\"key\":" + RecordJson.toJson(record.key()) + "}", null);
      }
      Schema.Field field = value.getSchema().getField("request_id");
      Object id = field == null ? null : value.get(field.pos());
      UnaryOperator<String> mask = value instanceof SandboxRequest request ? SecretScrubber.of(request)::text
          : UnaryOperator.identity();
      return new Decoded(RecordJson.toJson(value, mask), id == null ? null : id.toString());
    } catch (EventDecodingException e) {
      return new Decoded(error(record, e.reason().name(), e.getMessage()), null);
    } catch (RuntimeException e) {
      return new Decoded(error(record, "ERROR", e.toString()), null);
    }
  }

  private static String error(ConsumerRecord<String, byte[]> record, String reason, String message) {
    return "{\"error\":" + RecordJson.toJson(reason) + ",\"message\":" + RecordJson.toJson(message)
        + ",\"topic\":" + RecordJson.toJson(record.topic()) + ",\"partition\":" + record.partition()
        + ",\"offset\":" + record.offset() + "}";
  }

  private static void awaitQuietly(CountDownLatch done) {
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it waits for done, which is already counted down
    }
  }
}

package dev.shellbus.worker.it;

import static dev.shellbus.worker.it.Requests.inline;
import static dev.shellbus.worker.it.Requests.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.testing.BootstrapServers;
import dev.shellbus.devkit.testing.KafkaExtension;
import dev.shellbus.devkit.testing.S3Extension;
import dev.shellbus.devkit.testing.S3Service;
import dev.shellbus.events.Topics;
import dev.shellbus.events.v1.ResultStatus;
import dev.shellbus.events.v1.SandboxRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records built to flood or forge the worker's log: 20,000-character ids, keys, tenants, principals, label keys and
 * paths, some with line breaks that would start a line of their own. Each still ends where it did before (REJECTED
 * or the DLQ), and what the worker logs about them stays short and one line per event, in both formats.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class})
class HostileRecordsIT {

  /** The most one log line may take, in UTF-8 bytes. */
  private static final int LINE_BOUND = 4096;
  /** The most a bad record may add to the log (at most three lines), in UTF-8 bytes. */
  private static final int RECORD_BOUND = 3 * LINE_BOUND;
  private static final String FORGED_START = "1999-01-01T00:00:00.000Z";
  private static final String FORGED = FORGED_START + " INFO  [main] d.s.w.Worker FORGED: worker stopped";
  private static final String HUGE = "x".repeat(20_000);

  @Test
  void hostileRecordsStillEndAsBeforeAndLeaveShortSingleLines(@BootstrapServers String bootstrap, S3Service s3) {
    String longId = "a".repeat(20_000);
    String longSession = "s".repeat(20_000);
    String forgingId = "forge-1\n" + FORGED + "\r\n" + FORGED;
    try (World world = new World(bootstrap, s3)) {
      world.start("hostile-1");
      try (LogCapture logs = new LogCapture()) {
        world.send(Requests.job(longId, step("s", "true")));
        world.send(Requests.exec("long-session", longSession, "true"));
        world.send(Requests.job(forgingId, step("s", "true")));
        world.send(hostileFields());
        world.sendRaw("k".repeat(20_000) + "\n" + FORGED, ("not avro\n" + FORGED).getBytes(StandardCharsets.UTF_8));
        byte[] whole = World.REQUESTS.encode(Requests.job(longId, step("s", "true")));
        world.sendRaw(longSession + "\n" + FORGED, Arrays.copyOf(whole, 10 + 3 + 5_000));
        int bad = 6;

        for (String id : List.of(longId, "long-session", forgingId, "hostile-fields")) {
          assertThat(world.outputs().awaitResult(id).getStatus()).as("the result of %.40s", id)
              .isEqualTo(ResultStatus.REJECTED);
        }
        Waits.until("both undecodable records are dead-lettered", () -> world.outputs().deadLetters.size() == 2,
            () -> world.outputs().deadLetters.size());
        assertThat(world.outputs().deadLetters).extracting(r -> header(r.headers().lastHeader(Topics.DLQ_REASON)))
            .containsExactlyInAnyOrder("WRONG_MAGIC", "TRUNCATED");
        Waits.until("the worker logged every rejected request's completion",
            () -> logs.textLines().stream().filter(l -> l.contains("Completed request")).count() >= 4,
            logs::textLines);

        List<String> text = logs.textLines();
        List<String> json = logs.jsonLines();
        assertThat(text).as("text lines").isNotEmpty()
            .allSatisfy(l -> assertThat(l.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(LINE_BOUND))
            .noneMatch(l -> l.startsWith(FORGED_START))
            .noneMatch(l -> l.contains("\r"));
        assertThat(json).as("JSON lines").isNotEmpty()
            .allSatisfy(l -> assertThat(l.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(LINE_BOUND))
            .allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        assertThat(text).filteredOn(l -> l.contains("FORGED"))
            .as("the forged text shows only escaped, inside the worker's own lines").isNotEmpty()
            .allSatisfy(l -> assertThat(l).contains("\\n" + FORGED_START));
        assertThat(logs.textBytes()).as("log bytes for %d bad records", bad).isLessThanOrEqualTo((long) bad * RECORD_BOUND);
        assertThat(text).filteredOn(l -> l.contains(longId.substring(0, LINE_BOUND / 2)))
            .as("lines quoting the 20,000-character id").isEmpty();
      }
    }
  }

  /** A decodable request whose tenant, principal, label keys and input paths are huge and break lines. */
  private static SandboxRequest hostileFields() {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < 8; i++) {
      labels.put("k" + i + "\n" + FORGED + HUGE, "v\n" + FORGED);
    }
    return Requests.envelope("hostile-fields", Duration.ofMinutes(1))
        .setTenant("t\n" + FORGED + HUGE)
        .setPrincipal(HUGE + "\n" + FORGED)
        .setLabels(labels)
        .setBody(Requests.job("unused", Duration.ofMinutes(1),
            List.of(inline("/sandbox/" + HUGE + "\n" + FORGED, "x"), inline("/sandbox/../" + HUGE, "y")),
            List.of(step("s\n" + FORGED, "true")), List.of("/sandbox/" + HUGE)).getBody())
        .build();
  }

  private static String header(Header h) {
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}

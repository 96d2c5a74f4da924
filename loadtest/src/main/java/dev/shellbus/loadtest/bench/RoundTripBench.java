package dev.shellbus.loadtest.bench;

import dev.shellbus.loadtest.kafka.Outcome;
import dev.shellbus.loadtest.stack.Deployment;
import dev.shellbus.loadtest.stats.Phases;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 5. Tool-call round trip: an Exec on an open session, from publishing the request to reading its result, one after
 * the other; "beyond the exec" is that round trip minus the exec time the result reports (millisecond timestamps, so
 * within a millisecond). Side by side: the same exec made directly with the gateway client on a sandbox of its own,
 * and the Kafka baseline ({@link KafkaHop}): one acknowledged write and one send-to-poll on the same broker.
 */
final class RoundTripBench {

  private static final Logger LOG = LoggerFactory.getLogger(RoundTripBench.class);

  private RoundTripBench() {}

  static BenchResult run(BenchContext ctx) throws Exception {
    BenchResult result = new BenchResult("roundtrip", "5. Tool-call round trip: Exec on an open session, request"
        + " published to result read, minus the exec itself");
    int count = ctx.pick(300, 60);
    Figure directP50 = result.figure("direct exec p50", "ms");
    Figure directP99 = result.figure("direct exec p99", "ms");
    Figure viaP50 = result.figure("via Kafka round trip p50", "ms");
    Figure viaP99 = result.figure("via Kafka round trip p99", "ms");
    Figure beyondP50 = result.figure("beyond the exec p50", "ms");
    Figure beyondP99 = result.figure("beyond the exec p99", "ms");
    try (Deployment d = ctx.deploy("roundtrip", "1g", o -> o);
        DirectGateway direct = DirectGateway.connect(d.gatewayEndpoint());
        SessionDriver sessions = new SessionDriver(ctx.infra.bootstrap(), d)) {
      SandboxHandle sandbox = Bench.await(direct.open(Deadline.in(Duration.ofMinutes(2))));
      if (sessions.open(1, 1) != 0) {
        throw new IllegalStateException("the round-trip session did not open");
      }
      String session = sessions.anyOpen();
      LOG.info("round trip: warming up for {}", ctx.warmup);
      for (long until = System.nanoTime() + ctx.warmup.toNanos(); System.nanoTime() - until < 0; ) {
        measure(direct, sandbox, sessions, session, 20, new Histogram[3], new Tally());
      }
      result.details.put("warmup", ctx.warmup.toString());
      Tally tally = new Tally();
      for (int r = 0; r < ctx.repeats; r++) {
        Histogram[] h = new Histogram[3];
        measure(direct, sandbox, sessions, session, count, h, tally);
        directP50.add(Bench.ms(h[0].getValueAtPercentile(50)));
        directP99.add(Bench.ms(h[0].getValueAtPercentile(99)));
        viaP50.add(Bench.ms(h[1].getValueAtPercentile(50)));
        viaP99.add(Bench.ms(h[1].getValueAtPercentile(99)));
        beyondP50.add(Bench.ms(h[2].getValueAtPercentile(50)));
        beyondP99.add(Bench.ms(h[2].getValueAtPercentile(99)));
        LOG.info("round trip repeat {}: direct p50/p99 {}/{} ms, via Kafka {}/{} ms, beyond the exec {}/{} ms", r + 1,
            Bench.ms(h[0].getValueAtPercentile(50)), Bench.ms(h[0].getValueAtPercentile(99)),
            Bench.ms(h[1].getValueAtPercentile(50)), Bench.ms(h[1].getValueAtPercentile(99)),
            Bench.ms(h[2].getValueAtPercentile(50)), Bench.ms(h[2].getValueAtPercentile(99)));
      }
      result.figure("failed execs via Kafka", "execs").add(tally.failed.values().stream().mapToLong(x -> x).sum());
      tally.failed.forEach((code, n) -> result.details.put("failed execs " + code, n));
      tally.phases.forEach((name, h) -> result.figure("via Kafka phase " + name + ", p50", "ms")
          .add(Bench.ms(h.getValueAtPercentile(50))));
      tally.phases.forEach((name, h) -> result.figure("via Kafka phase " + name + ", p99", "ms")
          .add(Bench.ms(h.getValueAtPercentile(99))));
      KafkaHop.Latencies hop = KafkaHop.measure(ctx.infra.bootstrap(), "bench-kafka-hop-" + System.nanoTime(),
          ctx.pick(500, 100), ctx.pick(2000, 200));
      result.figure("Kafka acknowledged write p50 (same broker, acks=all)", "ms")
          .add(Bench.ms(hop.acked().getValueAtPercentile(50)));
      result.figure("Kafka acknowledged write p99", "ms").add(Bench.ms(hop.acked().getValueAtPercentile(99)));
      result.figure("Kafka send to poll p50", "ms").add(Bench.ms(hop.endToEnd().getValueAtPercentile(50)));
      result.figure("Kafka send to poll p99", "ms").add(Bench.ms(hop.endToEnd().getValueAtPercentile(99)));
      sessions.closeAll(1);
      Bench.await(direct.delete(sandbox));
    }
    result.pairs.add(new Pair("roundtrip.p50", "exec round trip p50", directP50, viaP50, "via Kafka / direct"));
    result.pairs.add(new Pair("roundtrip.p99", "exec round trip p99", directP99, viaP99, "via Kafka / direct"));
    result.targets.add(new Target("roundtrip", "tool-call round trip beyond the exec, p99", beyondP99.median(), "ms",
        true, 10));
    result.details.put("gateway", "dev gateway, simulated exec (1 KiB stdout, instant); " + count
        + " execs one after the other per repeat");
    return result;
  }

  /** Failed execs by code and the phases of the successful ones, over all repeats. */
  private static final class Tally {
    final Map<String, Long> failed = new TreeMap<>();
    final Map<String, Histogram> phases = new LinkedHashMap<>();
  }

  /**
   * Runs {@code count} direct execs and {@code count} Kafka execs alternately; h = direct, via Kafka, beyond. A failed
   * Kafka exec is counted in the tally, not timed.
   */
  private static void measure(DirectGateway direct, SandboxHandle sandbox, SessionDriver sessions, String session,
      int count, Histogram[] h, Tally tally) throws Exception {
    for (int i = 0; i < h.length; i++) {
      h[i] = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
    }
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      Bench.await(direct.exec(sandbox, Deadline.in(Duration.ofMinutes(1))));
      h[0].recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
      Outcome o = sessions.exec(session, i);
      if (!o.succeeded()) {
        tally.failed.merge(o.failureCode(), 1L, Long::sum);
        continue;
      }
      for (Phases.Phase p : Phases.of(o)) {
        tally.phases.computeIfAbsent(p.name(), n -> new Histogram(TimeUnit.HOURS.toMicros(1), 3))
            .recordValue(Math.max(1, p.millis() * 1000));
      }
      long rt = (o.receivedNanos() - o.sentNanos()) / 1000;
      h[1].recordValue(Math.max(1, rt));
      h[2].recordValue(Math.max(1, rt - o.stepMillis() * 1000));
    }
  }
}

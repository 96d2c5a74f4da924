package dev.shellbus.worker.metrics;

import dev.shellbus.worker.mapping.RequestKind;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalogue of every meter the worker registers: name, kind, description, unit and bounded tags. {@link
 * WorkerMetrics} registers only what is declared here; a test checks names, units and tag bounds. Prometheus shows
 * the names with underscores (and {@code _total}, {@code _seconds} suffixes).
 */
public final class WorkerMeters {

  /** Request kinds, the {@code kind} tag. */
  public static final Set<String> KINDS = Arrays.stream(RequestKind.values()).map(RequestKind::tag)
      .collect(Collectors.toCollection(LinkedHashSet::new));
  /** Terminal statuses in lower case, the {@code outcome} tag of requests. */
  public static final Set<String> OUTCOMES = Set.of("succeeded", "failed", "rejected", "cancelled", "timed_out");
  /** Gateway operations the engine retries, the {@code operation} tag of retries. */
  public static final Set<String> RETRIED = Set.of("gateway.create", "gateway.get", "gateway.list",
      "gateway.delete", "gateway.awaitready");

  public static final MeterSpec REQUESTS = spec("shellbus.requests", MeterSpec.Kind.COUNTER,
      "Requests that reached a terminal result, by kind and outcome.", "requests",
      Map.of("kind", KINDS, "outcome", OUTCOMES));
  public static final MeterSpec REQUEST_DURATION = spec("shellbus.request.duration", MeterSpec.Kind.TIMER,
      "Time from acceptance to the terminal result, by kind and outcome.", "seconds",
      Map.of("kind", KINDS, "outcome", OUTCOMES));
  public static final MeterSpec SANDBOX_DURATION = spec("shellbus.sandbox.duration", MeterSpec.Kind.TIMER,
      "Gateway sandbox operations: create (call to created), ready (created to READY), exec (one step), delete.",
      "seconds", Map.of("operation", Set.of("create", "ready", "exec", "delete")));
  public static final MeterSpec BYTES = spec("shellbus.transfer.bytes", MeterSpec.Kind.COUNTER,
      "Bytes moved: inputs into sandboxes, artifacts and output logs out to the object store.", "bytes",
      Map.of("direction", Set.of("in", "out"), "what", Set.of("input", "artifact", "log")));
  public static final MeterSpec IN_FLIGHT = spec("shellbus.requests.in_flight", MeterSpec.Kind.GAUGE,
      "Requests running now.", "requests", Map.of());
  public static final MeterSpec QUEUED = spec("shellbus.requests.queued", MeterSpec.Kind.GAUGE,
      "Received requests waiting for their key or a free slot (queue depth).", "requests", Map.of());
  public static final MeterSpec QUEUED_BYTES = spec("shellbus.consumer.queued_bytes", MeterSpec.Kind.GAUGE,
      "Bytes of received, unfinished request records held in memory.", "bytes", Map.of());
  public static final MeterSpec PAUSED = spec("shellbus.consumer.partitions.paused", MeterSpec.Kind.GAUGE,
      "Request partitions paused for backpressure or drain.", "partitions", Map.of());
  public static final MeterSpec ASSIGNED = spec("shellbus.consumer.partitions.assigned", MeterSpec.Kind.GAUGE,
      "Request partitions assigned to this worker.", "partitions", Map.of());
  public static final MeterSpec LAG = spec("shellbus.consumer.lag", MeterSpec.Kind.GAUGE,
      "Records behind the log end, summed over the assigned request partitions.", "records", Map.of());
  public static final MeterSpec RETRIES = spec("shellbus.retries", MeterSpec.Kind.COUNTER,
      "Retry decisions on gateway calls: a retry scheduled, or giving up.", "retries",
      Map.of("operation", RETRIED, "decision", Set.of("retry", "give_up")));
  public static final MeterSpec DEAD_LETTERED = spec("shellbus.dlq.records", MeterSpec.Kind.FUNCTION_COUNTER,
      "Request records sent to the dead-letter topic.", "records", Map.of());
  public static final MeterSpec REPUBLISHED = spec("shellbus.results.republished", MeterSpec.Kind.FUNCTION_COUNTER,
      "Stored results re-published for redelivered, already completed requests.", "results", Map.of());
  public static final MeterSpec RAN_AGAIN = spec("shellbus.requests.ran_again", MeterSpec.Kind.FUNCTION_COUNTER,
      "Request attempts interrupted by an outage of the gateway or the store and run again at once.", "attempts",
      Map.of());
  public static final MeterSpec OWNED = spec("shellbus.sandboxes.owned", MeterSpec.Kind.GAUGE,
      "Sandboxes this worker created and has not deleted.", "sandboxes", Map.of());
  public static final MeterSpec PUBLISHED = spec("shellbus.events.published", MeterSpec.Kind.COUNTER,
      "Events published by the worker itself (lifecycle, audit, heartbeat), by type and outcome.", "events",
      Map.of("type", Set.of("lifecycle", "audit", "heartbeat"), "outcome", Set.of("acked", "failed")));
  public static final MeterSpec FENCED = spec("shellbus.requests.fenced", MeterSpec.Kind.COUNTER,
      "Request attempts whose lease came up (partition revoked or reassigned, or membership lapsed): they stopped"
          + " touching sandboxes and their results were not published.", "attempts", Map.of());
  public static final MeterSpec READY = spec("shellbus.ready", MeterSpec.Kind.GAUGE,
      "1 while the worker is ready (running, gateway and Kafka reachable), else 0.", "state", Map.of());

  /** Dependencies with a breaker, the {@code dependency} tag. */
  public static final Set<String> DEPENDENCIES = Set.of("gateway", "store");
  public static final MeterSpec UNAVAILABLE = spec("shellbus.dependency.unavailable", MeterSpec.Kind.GAUGE,
      "1 while the dependency's breaker is open (no new work is taken, running requests wait), else 0.", "state",
      Map.of("dependency", DEPENDENCIES));
  public static final MeterSpec OUTAGES = spec("shellbus.dependency.outages", MeterSpec.Kind.COUNTER,
      "Times the dependency's breaker opened.", "outages", Map.of("dependency", DEPENDENCIES));

  private WorkerMeters() {}

  /** Returns every meter, in declaration order. */
  public static List<MeterSpec> all() {
    return List.of(REQUESTS, REQUEST_DURATION, SANDBOX_DURATION, BYTES, IN_FLIGHT, QUEUED, QUEUED_BYTES, PAUSED,
        ASSIGNED, LAG, RETRIES, DEAD_LETTERED, REPUBLISHED, OWNED, PUBLISHED, FENCED, READY, UNAVAILABLE, RAN_AGAIN,
        OUTAGES);
  }

  private static MeterSpec spec(String name, MeterSpec.Kind kind, String description, String unit,
      Map<String, Set<String>> tags) {
    return new MeterSpec(name, kind, description, unit, tags);
  }
}

package dev.shellbus.worker.metrics;

import dev.shellbus.orchestrator.retry.RetryEvent;
import dev.shellbus.orchestrator.retry.RetryListener;
import dev.shellbus.worker.kafka.ConsumerMetrics;
import dev.shellbus.orchestrator.outage.Breaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Registers the meters of {@link WorkerMeters} on a registry and records into them. Every tag value passes through
 * the catalogue's bounds. Safe to call from any thread; never blocks.
 */
public final class WorkerMetrics implements RetryListener {

  private final MeterRegistry registry;

  /** Records into {@code registry}. */
  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Returns the registry. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Counts a terminal request and records its duration. */
  public void requestFinished(String kind, String outcome, Duration took) {
    counter(WorkerMeters.REQUESTS, "kind", kind, "outcome", outcome).increment();
    timer(WorkerMeters.REQUEST_DURATION, "kind", kind, "outcome", outcome).record(took);
  }

  /** Records one sandbox operation: create, ready, exec or delete. */
  public void sandbox(String operation, Duration took) {
    timer(WorkerMeters.SANDBOX_DURATION, "operation", operation).record(took);
  }

  /** Counts bytes moved ({@code direction} in or out; {@code what} input, artifact or log). */
  public void bytes(String direction, String what, long amount) {
    if (amount > 0) {
      counter(WorkerMeters.BYTES, "direction", direction, "what", what).increment(amount);
    }
  }

  /** Counts a request attempt whose lease came up. */
  public void fenced() {
    counter(WorkerMeters.FENCED).increment();
  }

  /** Counts a publish of the worker's own events. */
  public void published(String type, boolean acked) {
    counter(WorkerMeters.PUBLISHED, "type", type, "outcome", acked ? "acked" : "failed").increment();
  }

  @Override
  public void onRetry(RetryEvent event) {
    retry(event, "retry");
  }

  @Override
  public void onGiveUp(RetryEvent event) {
    if (event.attempt() > 1 || Boolean.TRUE.equals(retryableCause(event))) {
      retry(event, "give_up");
    }
  }

  private static Boolean retryableCause(RetryEvent event) {
    return event.cause() instanceof dev.shellbus.orchestrator.ShellbusException se && se.retryable();
  }

  private void retry(RetryEvent event, String decision) {
    counter(WorkerMeters.RETRIES, "operation", event.operation().toLowerCase(Locale.ROOT), "decision", decision)
        .increment();
  }

  /** Binds the consumer's live figures: in flight, queue depth, bytes, partitions, lag, DLQ and republished. */
  public void bindConsumer(ConsumerMetrics consumer) {
    gauge(WorkerMeters.IN_FLIGHT, consumer, ConsumerMetrics::inFlight);
    gauge(WorkerMeters.QUEUED, consumer, ConsumerMetrics::queued);
    gauge(WorkerMeters.QUEUED_BYTES, consumer, ConsumerMetrics::queuedBytes);
    gauge(WorkerMeters.PAUSED, consumer, c -> c.pausedPartitions().size());
    gauge(WorkerMeters.ASSIGNED, consumer, c -> c.assignment().size());
    gauge(WorkerMeters.LAG, consumer, c -> c.lag().values().stream().mapToLong(Long::longValue).sum());
    functionCounter(WorkerMeters.DEAD_LETTERED, consumer, ConsumerMetrics::deadLetteredCount);
    functionCounter(WorkerMeters.REPUBLISHED, consumer, ConsumerMetrics::republishedCount);
    functionCounter(WorkerMeters.RAN_AGAIN, consumer, ConsumerMetrics::ranAgainCount);
  }

  /** Binds the number of owned sandboxes. */
  public void bindOwned(Supplier<Integer> owned) {
    gauge(WorkerMeters.OWNED, owned, s -> s.get());
  }

  /** Binds readiness (1 ready, 0 not). */
  public void bindReady(Supplier<Boolean> ready) {
    gauge(WorkerMeters.READY, ready, s -> s.get() ? 1 : 0);
  }

  /** Shows whether {@code breaker} is open, and counts its openings. */
  public void bindBreaker(Breaker breaker) {
    String dependency = breaker.dependency();
    Gauge.builder(WorkerMeters.UNAVAILABLE.name(), breaker, b -> b.isOpen() ? 1 : 0)
        .description(WorkerMeters.UNAVAILABLE.description()).baseUnit(WorkerMeters.UNAVAILABLE.unit())
        .tags(tags(WorkerMeters.UNAVAILABLE, "dependency", dependency)).strongReference(true).register(registry);
    Counter opened = counter(WorkerMeters.OUTAGES, "dependency", dependency);
    breaker.listen((name, state, why) -> {
      if (state == Breaker.State.OPEN) {
        opened.increment();
      }
    });
  }

  private Counter counter(MeterSpec spec, String... tags) {
    return Counter.builder(spec.name()).description(spec.description()).baseUnit(spec.unit())
        .tags(tags(spec, tags)).register(registry);
  }

  private Timer timer(MeterSpec spec, String... tags) {
    return Timer.builder(spec.name()).description(spec.description()).tags(tags(spec, tags)).register(registry);
  }

  private <T> void gauge(MeterSpec spec, T target, ToDoubleFunction<T> value) {
    Gauge.builder(spec.name(), target, value).description(spec.description()).baseUnit(spec.unit())
        .strongReference(true).register(registry);
  }

  private <T> void functionCounter(MeterSpec spec, T target, ToDoubleFunction<T> value) {
    FunctionCounter.builder(spec.name(), target, value).description(spec.description()).baseUnit(spec.unit())
        .register(registry);
  }

  private static Tags tags(MeterSpec spec, String... keyValues) {
    if (keyValues.length != spec.tags().size() * 2) {
      throw new IllegalArgumentException(spec.name() + " takes tags " + spec.tagKeys());
    }
    Tags tags = Tags.empty();
    for (int i = 0; i < keyValues.length; i += 2) {
      tags = tags.and(keyValues[i], spec.bounded(keyValues[i], keyValues[i + 1]));
    }
    return tags;
  }
}

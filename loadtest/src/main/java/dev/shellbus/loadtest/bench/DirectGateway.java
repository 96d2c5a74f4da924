package dev.shellbus.loadtest.bench;

import dev.shellbus.loadtest.kafka.RequestFactory;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.gateway.ExecCall;
import dev.shellbus.orchestrator.gateway.ExecEvent;
import dev.shellbus.orchestrator.gateway.ExecSpec;
import dev.shellbus.orchestrator.gateway.SandboxCreateSpec;
import dev.shellbus.orchestrator.gateway.SandboxHandle;
import dev.shellbus.orchestrator.gateway.connect.GatewayConnection;
import dev.shellbus.orchestrator.gateway.grpc.GrpcGatewayClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The baseline side of the pairs: the same gateway calls a worker makes for a short job (create, wait ready, exec,
 * delete), made directly with the orchestrator's gateway client on a Vert.x instance of its own, no Kafka, no store.
 */
final class DirectGateway implements AutoCloseable {

  private static final Duration BUDGET = Duration.ofMinutes(2);

  private final Vertx vertx;
  private final GrpcGatewayClient client;
  private final String prefix = "d" + RequestFactory.randomRunId() + "-";
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, Long> errors = new java.util.concurrent.ConcurrentSkipListMap<>();

  private DirectGateway(Vertx vertx, GrpcGatewayClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  static DirectGateway connect(String endpoint) throws Exception {
    Vertx vertx = Vertx.vertx();
    GrpcGatewayClient client = Bench.await(GrpcGatewayClient.connect(vertx, GatewayConnection.of(endpoint),
        Optional.empty()));
    return new DirectGateway(vertx, client);
  }

  /** One short job: create, await READY, exec {@code echo}, delete; completes with its wall time in nanoseconds. */
  Future<Long> job() {
    long start = System.nanoTime();
    Deadline deadline = Deadline.in(BUDGET);
    return open(deadline).compose(handle -> exec(handle, deadline)
        .compose(code -> client.delete(handle.workspace(), handle.name(), deadline)))
        .map(deleted -> System.nanoTime() - start);
  }

  /** Creates a sandbox and waits until it is READY. */
  Future<SandboxHandle> open(Deadline deadline) {
    String name = prefix + sequence.incrementAndGet();
    SandboxCreateSpec spec = new SandboxCreateSpec(name, "", "", Map.of(), Optional.empty(), List.of(),
        Optional.empty(), Map.of(), Optional.empty(), Map.of("loadtest", "direct"));
    return client.create(spec, deadline).compose(info -> client.awaitReady(info.handle(), deadline))
        .map(info -> info.handle());
  }

  /** Runs {@code echo} in the sandbox, discarding its output; completes with the exit code. */
  Future<Integer> exec(SandboxHandle handle, Deadline deadline) {
    return client.exec(handle, ExecSpec.of("echo", "hello from shellbus loadtest"), deadline).compose(call -> {
      ExecCall c = call;
      c.events().handler(event -> { });
      return c.exit();
    });
  }

  /**
   * The worker's artifact path without the worker: writes a sparse file of {@code size} bytes in a sandbox, then
   * reads {@code tar -c} of it from the exec stream into a counting sink, the command the worker's collector runs.
   * Completes with the stream's bytes per second (tar bytes over the time from the exec call to its exit).
   */
  Future<Double> tarStreamRate(long size, Deadline deadline) {
    AtomicLong bytes = new AtomicLong();
    AtomicLong start = new AtomicLong();
    return open(deadline).compose(handle -> run(handle, deadline, event -> { },
            "truncate", "-s", Long.toString(size), "/sandbox/artifact.bin")
        .compose(v -> {
          start.set(System.nanoTime());
          return run(handle, deadline, event -> {
            if (event instanceof ExecEvent.Stdout out) {
              bytes.addAndGet(out.data().length());
            }
          }, "tar", "-c", "-f", "-", "-C", "/", "sandbox/artifact.bin");
        })
        .map(v -> bytes.get() / ((System.nanoTime() - start.get()) / 1e9))
        .eventually(() -> client.delete(handle.workspace(), handle.name(), Deadline.in(BUDGET))));
  }

  /** Runs {@code argv} in the sandbox, handing each event to {@code sink}; fails unless it exits 0. */
  private Future<Void> run(SandboxHandle handle, Deadline deadline, Handler<ExecEvent> sink, String... argv) {
    return client.exec(handle, ExecSpec.of(argv), deadline).compose(call -> {
      call.events().handler(sink);
      return call.exit();
    }).compose(exit -> exit == 0 ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException(argv[0] + " exited " + exit)));
  }

  /** Deletes a sandbox. */
  Future<Boolean> delete(SandboxHandle handle) {
    return client.delete(handle.workspace(), handle.name(), Deadline.in(BUDGET));
  }

  /**
   * Runs {@code count} jobs with {@code concurrency} at a time (closed loop) and returns their wall times in
   * microseconds; a failed job is counted in {@code failures} and not recorded.
   */
  Histogram jobs(int concurrency, int count, AtomicLong failures) throws InterruptedException {
    return jobs(concurrency, count, Duration.ZERO, Duration.ZERO, failures).latency();
  }

  /**
   * Runs jobs with {@code concurrency} at a time until {@code count} were started (0: no limit) or {@code duration}
   * passed (zero: no limit). Jobs started in the first {@code warmup} are not recorded.
   */
  DirectRun jobs(int concurrency, int count, Duration duration, Duration warmup, AtomicLong failures)
      throws InterruptedException {
    long origin = System.nanoTime();
    Loop loop = new Loop(count > 0 ? count : Long.MAX_VALUE,
        duration.isZero() ? Long.MAX_VALUE : origin + duration.toNanos(), origin + warmup.toNanos(), failures,
        concurrency);
    for (int u = 0; u < concurrency; u++) {
      vertx.runOnContext(v -> next(loop));
    }
    if (!loop.done.await(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("direct jobs did not finish in 30 minutes");
    }
    double window = (loop.lastEnd - Math.max(origin, loop.firstMeasuredStart)) / 1e9;
    return new DirectRun(loop.latency, loop.measured, window);
  }

  private void next(Loop loop) {
    long now = System.nanoTime();
    if (loop.left.getAndDecrement() <= 0 || now - loop.end >= 0) {
      loop.done.countDown();
      return;
    }
    boolean measured = now - loop.warmupEnd >= 0;
    job().onComplete(ar -> {
      if (ar.failed()) {
        loop.failures.incrementAndGet();
        String m = String.valueOf(ar.cause().getMessage());
        errors.merge(ar.cause().getClass().getSimpleName() + ": " + m.substring(0, Math.min(80, m.length())), 1L,
            Long::sum);
      } else if (measured) {
        synchronized (loop) {
          loop.latency.recordValue(Math.max(1, ar.result() / 1000));
          loop.measured++;
          loop.firstMeasuredStart = Math.min(loop.firstMeasuredStart, now);
          loop.lastEnd = Math.max(loop.lastEnd, System.nanoTime());
        }
      }
      next(loop);
    });
  }

  /** Returns the failures of direct jobs so far, by exception and message. */
  Map<String, Long> errors() {
    return Map.copyOf(errors);
  }

  /** What a time- or count-bounded run of direct jobs measured. */
  record DirectRun(Histogram latency, long completed, double windowSeconds) {
    double throughput() {
      return windowSeconds > 0 ? completed / windowSeconds : 0;
    }
  }

  /** The state of one closed loop; its counters are touched on the Vert.x context, its figures under its lock. */
  private static final class Loop {
    final Histogram latency = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
    final AtomicLong left;
    final long end;
    final long warmupEnd;
    final AtomicLong failures;
    final CountDownLatch done;
    long measured;
    long firstMeasuredStart = Long.MAX_VALUE;
    long lastEnd = Long.MIN_VALUE;

    Loop(long count, long end, long warmupEnd, AtomicLong failures, int users) {
      this.left = new AtomicLong(count);
      this.end = end;
      this.warmupEnd = warmupEnd;
      this.failures = failures;
      this.done = new CountDownLatch(users);
    }
  }

  @Override
  public void close() {
    try {
      Bench.await(client.close());
    } catch (Exception e) {
      // closing anyway
    }
    vertx.close();
  }
}

package dev.shellbus.loadtest.bench;

import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.loadtest.kafka.Arrival;
import dev.shellbus.loadtest.kafka.ArrivalListener;
import dev.shellbus.loadtest.kafka.Outcome;
import dev.shellbus.loadtest.kafka.RequestClient;
import dev.shellbus.loadtest.kafka.RequestFactory;
import dev.shellbus.loadtest.plan.Workload;
import dev.shellbus.loadtest.stack.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Drives requests one by one for the benchmarks that need more control than a load plan: open many sessions and
 * hold them, close them, run execs one after the other on one session, or one big artifact job, and look at each
 * outcome.
 */
final class SessionDriver implements AutoCloseable {

  private static final Workload SESSION = Workload.parse("session/0");

  private final RequestClient client;
  private final RequestFactory factory = new RequestFactory("loadtest", Duration.ofMinutes(10));
  private final ConcurrentLinkedQueue<String> open = new ConcurrentLinkedQueue<>();

  SessionDriver(String bootstrap, Deployment deployment) {
    this.client = new RequestClient(bootstrap, deployment.topics(), ArrivalListener.none(), Map.of()).start();
  }

  /** Opens {@code count} more sessions, {@code parallel} at a time; returns how many failed. */
  long open(int count, int parallel) throws InterruptedException {
    return run(count, parallel, i -> {
      String sid = factory.newSessionId();
      return new Job(factory.openSession(sid), sid, o -> {
        if (o.succeeded()) {
          open.add(sid);
        }
      });
    });
  }

  /** Closes every open session, {@code parallel} at a time; returns how many failed. */
  long closeAll(int parallel) throws InterruptedException {
    List<String> ids = List.copyOf(open);
    open.clear();
    return run(ids.size(), parallel, i -> new Job(factory.closeSession(ids.get(i)), ids.get(i), o -> { }));
  }

  /** Returns how many sessions are open. */
  int openCount() {
    return open.size();
  }

  /** Returns one open session id. */
  String anyOpen() {
    return open.peek();
  }

  /** Sends one exec on {@code sessionId} and waits for its outcome. */
  Outcome exec(String sessionId, int index) throws Exception {
    SandboxRequest request = factory.exec(sessionId, index);
    return client.submit(request, sessionId, new Arrival(SESSION, System.nanoTime(), false))
        .get(5, TimeUnit.MINUTES);
  }

  /** Runs one artifact job of {@code bytes} with a deadline {@code timeout} away and waits for its outcome. */
  Outcome artifactJob(long bytes, Duration timeout) throws Exception {
    SandboxRequest request = new RequestFactory("loadtest", timeout).artifactJob(bytes);
    return client.submit(request, request.getRequestId(), new Arrival(SESSION, System.nanoTime(), false))
        .get(timeout.toSeconds() + 60, TimeUnit.SECONDS);
  }

  private long run(int count, int parallel, Function<Integer, Job> jobs) throws InterruptedException {
    Semaphore slots = new Semaphore(parallel);
    AtomicLong failed = new AtomicLong();
    for (int i = 0; i < count; i++) {
      slots.acquire();
      Job job = jobs.apply(i);
      client.submit(job.request, job.key, new Arrival(SESSION, System.nanoTime(), false)).thenAccept(o -> {
        if (!o.succeeded()) {
          failed.incrementAndGet();
        }
        job.then.apply(o);
        slots.release();
      });
    }
    slots.acquire(parallel);
    return failed.get();
  }

  @Override
  public void close() {
    client.close();
  }

  /** One request to send and what to do with its outcome. */
  private record Job(SandboxRequest request, String key, Then then) {}

  /** A consumer of outcomes (a lambda target). */
  @FunctionalInterface
  private interface Then {
    void apply(Outcome outcome);
  }
}

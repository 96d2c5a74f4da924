package dev.shellbus.loadtest.kafka;

import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.LifecycleType;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.serde.EventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the results and lifecycle topics on its own thread and completes the matching pending requests.
 *
 * <p>It assigns itself every partition of both topics (no consumer group, nothing committed) and starts at their end,
 * resolved before {@link #start()} returns, so it sees every event of requests sent afterwards. Receipt times are
 * taken with {@link System#nanoTime()} as each poll returns. Futures are completed on {@code completions}, never on
 * the poll thread. Requests still pending past their deadline plus the grace are completed as
 * {@link Outcome#NO_RESULT}. A result for an unknown request id (another run, a republished duplicate) is ignored.
 */
final class ResultCollector implements AutoCloseable {

  private static final int RECENT = 100_000;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicSet topics;
  private final Map<String, Pending> pending;
  private final ArrivalListener listener;
  private final Executor completions;
  private final long graceNanos;
  private final EventDeserializer<SandboxResult> results = new EventDeserializer<>(SandboxResult.class);
  private final EventDeserializer<LifecycleEvent> lifecycle = new EventDeserializer<>(LifecycleEvent.class);
  private final Map<String, Pending> recent = new LinkedHashMap<>(1024, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
      return size() > RECENT;
    }
  };
  private final AtomicLong undecodable = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile CountDownLatch settling;
  private Map<TopicPartition, Long> settleEnds;

  ResultCollector(String bootstrap, TopicSet topics, Map<String, Pending> pending, ArrivalListener listener,
      Executor completions, Duration grace, Map<String, Object> overrides) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "shellbus-loadtest-collector");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    props.putAll(overrides);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.pending = pending;
    this.listener = listener;
    this.completions = completions;
    this.graceNanos = grace.toNanos();
    this.thread = new Thread(this::loop, "shellbus-loadtest-collector");
    this.thread.setDaemon(true);
  }

  /** Assigns every partition at its end and starts the poll thread. */
  void start() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(topics.results(), topics.lifecycle())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist; start the worker or create it first");
      }
      infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30)));
    thread.start();
  }

  /** Returns how many records could not be decoded. */
  long undecodable() {
    return undecodable.get();
  }

  private void loop() {
    long nextSweep = System.nanoTime();
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(100));
        long now = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          handle(record, now);
        }
        checkSettled();
        if (now >= nextSweep) {
          sweep(now);
          nextSweep = now + TimeUnit.MILLISECONDS.toNanos(250);
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      stopped.countDown();
    }
  }

  /**
   * Waits, up to {@code max}, until both topics were read to their end as of this call and the marks found on the way
   * were handed to the listener: a request's result can be read before its lifecycle events (another topic), so a run
   * that ends at its last result settles before its figures are taken. Returns false when {@code max} ran out.
   */
  boolean settle(Duration max) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    settling = done;
    if (!done.await(max.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    CountDownLatch marks = new CountDownLatch(1);
    completions.execute(marks::countDown);
    return marks.await(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Collector thread: completes a pending {@link #settle} once every partition is read up to its end of then. */
  private void checkSettled() {
    CountDownLatch done = settling;
    if (done == null) {
      return;
    }
    if (settleEnds == null) {
      settleEnds = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(5));
    }
    if (settleEnds.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
      settling = null;
      settleEnds = null;
      done.countDown();
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> record, long now) {
    try {
      if (record.topic().equals(topics.results())) {
        SandboxResult result = results.decode(record.value());
        Pending p = pending.remove(result.getRequestId());
        if (p != null) {
          recent.put(p.requestId, p);
          Outcome outcome = Outcome.of(result, p.sentNanos, now, p.sentEpochMillis);
          completions.execute(() -> p.future.complete(outcome));
        }
      } else {
        LifecycleEvent event = lifecycle.decode(record.value());
        Pending p = pending.get(event.getRequestId());
        if (p == null) {
          p = recent.get(event.getRequestId());
        }
        if (p != null) {
          mark(p.arrival, event.getType(), now);
        }
      }
    } catch (RuntimeException e) {
      undecodable.incrementAndGet();
    }
  }

  private void mark(Arrival arrival, LifecycleType type, long now) {
    if (type == LifecycleType.SANDBOX_READY && arrival.markReady()) {
      completions.execute(() -> listener.sandboxReady(arrival, now));
    } else if (type == LifecycleType.STEP_STARTED && arrival.markStepStarted()) {
      completions.execute(() -> listener.firstStepStarted(arrival, now));
    }
  }

  private void sweep(long now) {
    for (Pending p : pending.values()) {
      if (now - p.deadlineNanos - graceNanos > 0 && pending.remove(p.requestId, p)) {
        Outcome outcome = Outcome.failed(p.requestId, Outcome.NO_RESULT, p.sentNanos, now);
        completions.execute(() -> p.future.complete(outcome));
      }
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread.isAlive()) {
      consumer.wakeup();
      try {
        stopped.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (stopped.getCount() > 0) {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      stopped.countDown();
    }
  }
}

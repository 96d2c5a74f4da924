package dev.shellbus.loadtest.kafka;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.headers.CloudEventAttributes;
import dev.shellbus.events.headers.CloudEventHeaders;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.SandboxRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The generator's view of shellbus: publish a request, get a future of its {@link Outcome}.
 *
 * <p>A platform's client in miniature: an idempotent {@code acks=all} producer that writes each request with its
 * CloudEvents headers, keyed by session id or request id, and a {@link ResultCollector} that reads results and
 * lifecycle events. Futures complete, and their dependent stages run, on one "events" thread that this client owns
 * ({@link #events()}); the poll thread only reads. {@code linger.ms} is 0 so a lone request is not held back.
 */
public final class RequestClient implements AutoCloseable {

  private static final String SOURCE = "/shellbus/loadtest";

  private final KafkaProducer<String, SandboxRequest> producer;
  private final TopicSet topics;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "shellbus-loadtest-events");
    t.setDaemon(true);
    return t;
  });
  private final ResultCollector collector;
  private final AtomicLong sent = new AtomicLong();

  /**
   * Connects to the cluster; call {@link #start()} before sending.
   *
   * @param bootstrap the Kafka bootstrap servers
   * @param topics the topic names
   * @param listener told about ready sandboxes and started steps
   * @param clientProperties extra producer and consumer properties (security settings, tuning)
   */
  public RequestClient(String bootstrap, TopicSet topics, ArrivalListener listener,
      Map<String, Object> clientProperties) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "shellbus-loadtest-producer");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.putAll(clientProperties);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new EventSerializer<>(SandboxRequest.class));
    this.topics = topics;
    this.collector = new ResultCollector(bootstrap, topics, pending, listener, events, Duration.ofSeconds(10),
        clientProperties);
  }

  /** Starts reading results; returns once the collector is positioned at the end of both topics. */
  public RequestClient start() {
    collector.start();
    return this;
  }

  /** Waits until lifecycle marks published before the last result are counted; false when {@code max} ran out. */
  public boolean settle(Duration max) throws InterruptedException {
    return collector.settle(max);
  }

  /** Returns the thread that completes outcome futures; dependent stages may run there, briefly. */
  public ExecutorService events() {
    return events;
  }

  /** Returns how many requests were handed to the producer. */
  public long sentCount() {
    return sent.get();
  }

  /** Returns how many requests are waiting for a result. */
  public int pendingCount() {
    return pending.size();
  }

  /** Returns how many result or lifecycle records could not be decoded. */
  public long undecodable() {
    return collector.undecodable();
  }

  /**
   * Publishes {@code request} and returns the future of its outcome. The request's deadline (plus a grace) bounds
   * the wait; the future never fails, a missing result is an outcome too.
   */
  public CompletableFuture<Outcome> submit(SandboxRequest request, String key, Arrival arrival) {
    String id = request.getRequestId();
    long deadline = System.nanoTime()
        + TimeUnit.MILLISECONDS.toNanos(request.getDeadline().toEpochMilli() - System.currentTimeMillis());
    Pending p = new Pending(id, arrival, deadline);
    pending.put(id, p);
    ProducerRecord<String, SandboxRequest> record = new ProducerRecord<>(topics.requests(), key, request);
    CloudEventHeaders.write(record.headers(),
        CloudEventAttributes.of(EventKind.REQUEST, id, SOURCE, Instant.now(), id));
    p.sentEpochMillis = System.currentTimeMillis();
    p.sentNanos = System.nanoTime();
    sent.incrementAndGet();
    try {
      producer.send(record, (metadata, error) -> {
        if (error != null && pending.remove(id, p)) {
          Outcome failed = Outcome.failed(id, Outcome.SEND_FAILED, p.sentNanos, System.nanoTime());
          events.execute(() -> p.future.complete(failed));
        }
      });
    } catch (RuntimeException e) {
      if (pending.remove(id, p)) {
        Outcome failed = Outcome.failed(id, Outcome.SEND_FAILED, p.sentNanos, System.nanoTime());
        events.execute(() -> p.future.complete(failed));
      }
    }
    return p.future;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
    collector.close();
    events.shutdown();
    try {
      events.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

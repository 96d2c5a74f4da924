package dev.shellbus.worker.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventPublisher} over one idempotent {@link KafkaProducer} ({@code acks=all},
 * {@code enable.idempotence=true}, bounded {@code delivery.timeout.ms}, {@code linger.ms=0} unless the client
 * properties say otherwise).
 *
 * <p>{@code linger.ms} is 0 rather than Kafka 4's default of 5 because a request's path waits for several writes one
 * after the other (IN_FLIGHT state, DONE state, result), each of which would otherwise sit out the linger; under load
 * the producer still batches whatever accumulates while its in-flight requests are out.
 *
 * <p>{@code send()} can block (metadata of a new topic, a full buffer), so it is called on one dedicated sender
 * thread, never on an event loop; being a single thread, it keeps the order in which a context sends. The producer's
 * callback completes the future back on the sending Vert.x context.
 */
public final class KafkaEventPublisher implements EventPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);

  private final Vertx vertx;
  private final KafkaProducer<byte[], byte[]> producer;
  private final ExecutorService sender;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  private KafkaEventPublisher(Vertx vertx, PublisherOptions options) {
    this.vertx = vertx;
    this.producer = new KafkaProducer<>(properties(options));
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "shellbus-kafka-send-" + options.clientId());
      t.setDaemon(true);
      return t;
    });
  }

  /** Creates the producer; it connects lazily on the first send. */
  public static KafkaEventPublisher create(Vertx vertx, PublisherOptions options) {
    return new KafkaEventPublisher(vertx, options);
  }

  static Properties properties(PublisherOptions options) {
    long delivery = options.deliveryTimeout().toMillis();
    Properties props = new Properties();
    props.putAll(options.clientProperties());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, options.clientId());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000L, delivery / 2)));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(delivery));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(delivery));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  @Override
  public Future<RecordMetadata> publish(String topic, String key, byte[] value, Iterable<Header> headers) {
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    return send(new ProducerRecord<>(topic, null, keyBytes, value, headers));
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    Context context = vertx.getOrCreateContext();
    Promise<RecordMetadata> promise = Promise.promise();
    try {
      sender.execute(() -> doSend(record, context, promise));
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(new IllegalStateException("publisher is closed", e));
    }
    return promise.future();
  }

  private void doSend(ProducerRecord<byte[], byte[]> record, Context context, Promise<RecordMetadata> promise) {
    try {
      producer.send(record, (metadata, error) -> context.runOnContext(v -> {
        if (error == null) {
          acknowledged.incrementAndGet();
          promise.complete(metadata);
        } else {
          failed.incrementAndGet();
          LOG.warn("Publishing to {} failed: {}", record.topic(), error.toString());
          promise.fail(error);
        }
      }));
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      LOG.warn("Publishing to {} failed: {}", record.topic(), e.toString());
      context.runOnContext(v -> promise.fail(e));
    }
  }

  /** Returns how many records the broker acknowledged. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /** Returns how many sends failed. */
  public long failed() {
    return failed.get();
  }

  /** Sends what is buffered (waiting up to {@code timeout}) and closes the producer, off the event loop. */
  public Future<Void> close(Duration timeout) {
    return vertx.executeBlocking(() -> {
      sender.shutdown();
      if (!sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Sender thread still busy after {}; closing the producer anyway", timeout);
      }
      producer.close(timeout);
      return null;
    });
  }
}

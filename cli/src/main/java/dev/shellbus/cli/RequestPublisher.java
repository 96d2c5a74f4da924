package dev.shellbus.cli;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.Topics;
import dev.shellbus.events.headers.CloudEventAttributes;
import dev.shellbus.events.headers.CloudEventHeaders;
import dev.shellbus.events.headers.TraceHeaders;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.SandboxRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes requests to {@code shellbus.requests} the way platforms should: an idempotent producer with {@code
 * acks=all}, the key rule (session id, else request id) and CloudEvents binary-mode headers plus the request's W3C
 * trace context.
 */
public final class RequestPublisher implements AutoCloseable {

  /** The {@code ce_source} of requests published by this command line. */
  public static final String SOURCE = "/shellbus/cli";

  private final KafkaProducer<String, SandboxRequest> producer;
  private final String topic;

  /** Creates a publisher for the cluster at {@code bootstrapServers}, publishing to {@code topic}. */
  public RequestPublisher(String bootstrapServers, String topic) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "shellbus-cli-" + UUID.randomUUID(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new EventSerializer<>(SandboxRequest.class));
    this.topic = topic;
  }

  /** Creates a publisher for the default requests topic. */
  public RequestPublisher(String bootstrapServers) {
    this(bootstrapServers, Topics.REQUESTS);
  }

  /** Returns the record key of {@code request}: the body's session id when it has one, else the request id. */
  public static String key(SandboxRequest request) {
    if (request.getBody() instanceof GenericRecord body && body.getSchema().getField("session_id") != null) {
      Object session = body.get("session_id");
      if (session != null && !session.toString().isEmpty()) {
        return session.toString();
      }
    }
    return request.getRequestId();
  }

  /** Returns the headers of {@code request}: CloudEvents attributes and its trace context, if any. */
  public static RecordHeaders headers(SandboxRequest request, Instant now) {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.write(headers, CloudEventAttributes.of(
        EventKind.REQUEST, UUID.randomUUID().toString(), SOURCE, now, request.getRequestId()));
    TraceHeaders.propagate(request.getTrace(), headers);
    return headers;
  }

  /** Publishes {@code request} under its own key and waits for the broker's acknowledgement. */
  public RecordMetadata publish(SandboxRequest request) throws InterruptedException, PublishException {
    return publish(request, key(request));
  }

  /**
   * Publishes {@code request} under {@code key} and waits for the broker's acknowledgement. A {@code Cancel} goes
   * under its target's key, so that it reaches the worker that runs the target.
   */
  public RecordMetadata publish(SandboxRequest request, String key) throws InterruptedException, PublishException {
    ProducerRecord<String, SandboxRequest> record = new ProducerRecord<>(
        topic, null, key, request, headers(request, Instant.now()));
    try {
      return producer.send(record).get(40, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new PublishException(String.valueOf(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      throw new PublishException("no acknowledgement from the broker within 40 s", e);
    } catch (RuntimeException e) {
      throw new PublishException(e.toString(), e);
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }

  /** The request could not be published. */
  public static final class PublishException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

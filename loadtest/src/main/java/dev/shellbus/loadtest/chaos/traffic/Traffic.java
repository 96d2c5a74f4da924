package dev.shellbus.loadtest.chaos.traffic;

import dev.shellbus.events.EventKind;
import dev.shellbus.events.headers.CloudEventAttributes;
import dev.shellbus.events.headers.CloudEventHeaders;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.SandboxRequest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steady stream of good requests a scenario runs under its faults: on one thread, {@code rate} arrivals a second,
 * every tenth a session (open, two execs, close, all on the session's key), the others two-step jobs, every
 * {@code secretEvery}-th job with a planted secret. The producer is idempotent with {@code acks=all} and waits out a
 * broker outage (five minutes of delivery timeout); only acknowledged requests enter the {@link Ledger}.
 */
public final class Traffic implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Traffic.class);
  private static final String SOURCE = "/shellbus/chaos";

  private final KafkaProducer<String, SandboxRequest> producer;
  private final String topic;
  private final ChaosRequests requests;
  private final Ledger ledger;
  private final Random random;
  private volatile boolean running;
  private Thread thread;
  private volatile long arrivals;

  public Traffic(String bootstrap, String topic, ChaosRequests requests, Ledger ledger, long seed) {
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000, ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.CLIENT_ID_CONFIG, "shellbus-chaos-traffic"),
        new StringSerializer(), new EventSerializer<>(SandboxRequest.class));
    this.topic = topic;
    this.requests = requests;
    this.ledger = ledger;
    this.random = new Random(seed * 31 + requests.tenant().hashCode());
  }

  /** Starts sending {@code rate} arrivals a second, at most {@code max} arrivals (0: no limit), with secrets. */
  public synchronized void start(double rate, long max, int secretEvery) {
    running = true;
    thread = new Thread(() -> loop(rate, max, secretEvery), "chaos-traffic");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop(double rate, long max, int secretEvery) {
    long periodNanos = (long) (1e9 / rate);
    long next = System.nanoTime();
    while (running && (max == 0 || arrivals < max)) {
      arrivals++;
      if (arrivals % 10 == 0) {
        session();
      } else {
        String secret = secretEvery > 0 && arrivals % secretEvery == 1 ? newSecret() : null;
        String id = requests.nextId();
        send(id, id, secret == null ? "job" : "job+secret", requests.job(id, secret), secret);
      }
      next += periodNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void session() {
    String session = requests.nextId() + "-s";
    String open = requests.nextId();
    send(open, session, "session.open", requests.open(open, session), null);
    for (int call = 1; call <= 2; call++) {
      String exec = requests.nextId();
      send(exec, session, "session.exec", requests.exec(exec, session, call), null);
    }
    String close = requests.nextId();
    send(close, session, "session.close", requests.close(close, session), null);
  }

  private String newSecret() {
    byte[] b = new byte[12];
    random.nextBytes(b);
    String secret = "chaos-secret-" + HexFormat.of().formatHex(b);
    ledger.planted(secret);
    return secret;
  }

  /** Sends one request and records it in the ledger once acknowledged. */
  public void send(String id, String key, String kind, SandboxRequest request, String secret) {
    ProducerRecord<String, SandboxRequest> record = new ProducerRecord<>(topic, key, request);
    CloudEventHeaders.write(record.headers(), CloudEventAttributes.of(EventKind.REQUEST, id, SOURCE, Instant.now(),
        id));
    producer.send(record, (meta, error) -> {
      if (error == null) {
        ledger.acked(id, kind, secret);
      } else {
        LOG.warn("request {} not sent: {}", id, error.toString());
        ledger.sendFailed();
      }
    });
  }

  /** Returns how many arrivals were started. */
  public long arrivals() {
    return arrivals;
  }

  /** Stops sending and waits until every send is acknowledged or failed. */
  public void stop() throws InterruptedException {
    running = false;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.join(TimeUnit.MINUTES.toMillis(6));
    }
    producer.flush();
  }

  @Override
  public void close() {
    running = false;
    producer.close();
  }
}

package dev.shellbus.worker.reaper;

import dev.shellbus.events.LogSafe;
import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.WorkerHeartbeat;
import dev.shellbus.events.v1.WorkerStatus;
import dev.shellbus.orchestrator.engine.SandboxNaming;
import dev.shellbus.worker.kafka.ReaderProperties;
import dev.shellbus.worker.kafka.StateRecords;
import dev.shellbus.worker.kafka.TopicNames;
import dev.shellbus.worker.mapping.LifecycleMapper;
import dev.shellbus.worker.reaper.ClusterView.SessionChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a {@link ClusterView} from Kafka on its own thread: the workers and request-state topics from their
 * beginning (both compacted), the lifecycle topic from {@code lookback} ago. A group-less consumer with
 * {@code assign()}: it commits nothing and every reaper reads everything, so a standby that takes over is already
 * caught up. {@link #caughtUp()} completes once every partition was read up to its end as of the start; before
 * that the reaper judges nothing, since a session's last call may still be unread.
 */
final class ViewReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ViewReader.class);

  private final ClusterView view;
  private final TopicNames topics;
  private final Duration lookback;
  private final Clock clock;
  private final KafkaConsumer<String, byte[]> consumer;
  private final EventDeserializer<WorkerHeartbeat> heartbeats = new EventDeserializer<>(WorkerHeartbeat.class);
  private final EventDeserializer<LifecycleEvent> lifecycle = new EventDeserializer<>(LifecycleEvent.class);
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closed;
  private long skipped;

  ViewReader(ClusterView view, TopicNames topics, Duration lookback, Clock clock, String bootstrap,
      Map<String, String> clientProperties, String clientId) {
    this.view = view;
    this.topics = topics;
    this.lookback = lookback;
    this.clock = clock;
    this.consumer = new KafkaConsumer<>(ReaderProperties.of(bootstrap, clientProperties, clientId));
    this.thread = new Thread(this::run, "shellbus-reaper-view");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Waits until the view holds everything published before the start; false when {@code timeout} passed first. */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean caughtUp() {
    return caughtUp.getCount() == 0;
  }

  private void run() {
    try {
      Map<TopicPartition, Long> ends = assign();
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          apply(record);
        }
        if (caughtUp.getCount() > 0 && ends.entrySet().stream()
            .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          LOG.info("Reaper view caught up: {} workers, {} requests, {} sessions ({} unreadable records skipped)",
              view.workers(), view.requests(), view.sessions(), skipped);
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        LOG.error("Reaper view reader woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("Reaper view reader failed; the reaper stops judging", e);
    } finally {
      consumer.close();
    }
  }

  /** Assigns every partition of the three topics, seeks each to where it is read from, returns the end offsets. */
  private Map<TopicPartition, Long> assign() {
    List<TopicPartition> fromStart = partitions(topics.workers());
    fromStart.addAll(partitions(topics.requestState()));
    List<TopicPartition> recent = partitions(topics.lifecycle());
    List<TopicPartition> all = new ArrayList<>(fromStart);
    all.addAll(recent);
    consumer.assign(all);
    consumer.seekToBeginning(fromStart);
    long since = clock.instant().minus(lookback).toEpochMilli();
    Map<TopicPartition, Long> times = new HashMap<>();
    recent.forEach(tp -> times.put(tp, since));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, Duration.ofSeconds(30));
    Map<TopicPartition, Long> ends = consumer.endOffsets(all, Duration.ofSeconds(30));
    for (TopicPartition tp : recent) {
      OffsetAndTimestamp at = found.get(tp);
      consumer.seek(tp, at == null ? ends.get(tp) : at.offset());
    }
    return ends;
  }

  private List<TopicPartition> partitions(String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    List<TopicPartition> out = new ArrayList<>();
    infos.forEach(p -> out.add(new TopicPartition(topic, p.partition())));
    return out;
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.topic().equals(topics.workers())) {
        worker(record);
      } else if (record.topic().equals(topics.requestState())) {
        state(record);
      } else {
        lifecycleEvent(lifecycle.decode(record.value()));
      }
    } catch (RuntimeException e) {
      skipped++;
      LOG.debug("Skipping unreadable {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          LogSafe.text(e.toString()));
    }
  }

  private void worker(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      view.workerGone(record.key());
      return;
    }
    WorkerHeartbeat beat = heartbeats.decode(record.value());
    view.worker(beat.getWorkerId(), new ClusterView.WorkerSeen(beat.getAt(), Duration.ofMillis(beat.getIntervalMs()),
        beat.getStatus() == WorkerStatus.STOPPED));
  }

  private void state(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      view.requestGone(SandboxNaming.labelValue(record.key()));
      return;
    }
    StateRecords.Summary s = StateRecords.decode(record.value());
    view.request(SandboxNaming.labelValue(s.requestId()),
        new ClusterView.RequestSeen(s.done(), s.attempt(), s.workerId(), s.updatedAt()));
  }

  private void lifecycleEvent(LifecycleEvent e) {
    if (e.getSessionId() == null) {
      return;
    }
    SessionChange change = LifecycleMapper.terminal(e.getType()) ? SessionChange.ENDED : switch (e.getType()) {
      case ACCEPTED -> SessionChange.STARTED;
      case SESSION_OPENED -> SessionChange.OPENED;
      case SESSION_CLOSED -> SessionChange.CLOSED;
      default -> SessionChange.PROGRESS;
    };
    Instant at = e.getAt();
    view.sessionEvent(ClusterView.sessionKey(SandboxNaming.labelValue(e.getTenant()),
            SandboxNaming.labelValue(e.getSessionId())), SandboxNaming.labelValue(e.getRequestId()),
        e.getWorkerId() == null ? "" : e.getWorkerId(), at, change);
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

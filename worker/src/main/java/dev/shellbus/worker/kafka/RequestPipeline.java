package dev.shellbus.worker.kafka;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.LogSafe;
import dev.shellbus.orchestrator.Deadline;
import dev.shellbus.orchestrator.retry.Retrier;
import dev.shellbus.orchestrator.retry.RetryListener;
import dev.shellbus.orchestrator.retry.RetryPolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one record from dispatch to a completed offset: republish a stored result, or write {@code IN_FLIGHT}, run
 * the handler, write {@code DONE} with the terminal records, publish them; or dead-letter it.
 *
 * <p>An offset completes only after every write of its path is acknowledged. Writes are retried by {@link Retrier}
 * (exponential backoff with full jitter) for as long as the partition is owned; once it is given up, the path stops
 * and leaves the offset to the next owner. The same holds once the attempt's {@link Lease} is up, even before the
 * context learns that the partition is gone: a fenced attempt is not started, and its result is not published.
 *
 * <p>Request ids, keys and error texts come from the record: they reach log lines and retry names through {@link
 * LogSafe} only, once per line.
 */
final class RequestPipeline {

  /** Header set on re-published terminal records, with value {@code true}. */
  static final String REPUBLISHED_HEADER = "shellbus.republished";

  private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);
  /** Writes are retried until they succeed or the partition is given up: no limit on tries, no deadline. */
  private static final RetryPolicy WRITES = RetryPolicy.unlimited(Duration.ofMillis(200), Duration.ofSeconds(10));
  private static final Deadline UNTIL_GIVEN_UP = Deadline.at(Instant.MAX);

  private final Vertx vertx;
  private final ConsumerOptions options;
  private final RequestHandler handler;
  private final EventPublisher publisher;
  private final ConsumerMetrics metrics;
  private final CommitQueue commits;

  RequestPipeline(Vertx vertx, ConsumerOptions options, RequestHandler handler, EventPublisher publisher,
      ConsumerMetrics metrics, CommitQueue commits) {
    this.vertx = vertx;
    this.options = options;
    this.handler = handler;
    this.publisher = publisher;
    this.metrics = metrics;
    this.commits = commits;
  }

  /** Runs a decoded request; the future completes when its offset completed or its partition was given up. */
  Future<Void> run(Task task) {
    PartitionWork work = task.work();
    Polled polled = task.polled();
    RequestState known = work.state(polled.request().getRequestId());
    if (known != null && known.isDone()) {
      return republish(work, polled, known);
    }
    InboundRequest in = polled.toInbound(known == null ? 1 : known.nextAttempt(), work.lease());
    Optional<String> fenced = in.lease().fenced();
    if (fenced.isPresent()) {
      LOG.warn("Not starting request {} attempt {} from {}: fenced ({})", LogSafe.id(in.requestId()), in.attempt(),
          in.position(), fenced.get());
      return Future.succeededFuture();
    }
    task.started(in);
    return attempt(work, polled, in);
  }

  /**
   * Writes {@code IN_FLIGHT} for the attempt, runs it and finishes it; an attempt the handler asks to run again
   * (interrupted by an outage) is followed at once by the next one, on the same path, so the count of attempts and
   * the sweep of their sandboxes work as after a crash.
   */
  private Future<Void> attempt(PartitionWork work, Polled polled, InboundRequest in) {
    LOG.info("Starting request {} attempt {} from {}{}", LogSafe.id(in.requestId()), in.attempt(), in.position(),
        keyNote(in));
    return persist(work, RequestState.inFlight(in, options.workerId(), Instant.now()))
        .compose(v -> work.owned() ? invoke(in) : Future.failedFuture(new GivenUpException(in.position())))
        .compose(completion -> completion.runAgain().isPresent()
            ? again(work, polled, in, completion.runAgain().get())
            : finish(work, in, completion))
        .recover(cause -> failed(work, polled, "request " + LogSafe.id(in.requestId()), cause));
  }

  /** The key for a log line, when it is not the request id already shown. */
  private static String keyNote(InboundRequest in) {
    return in.key() == null || in.key().equals(in.requestId()) ? "" : " (key " + LogSafe.id(in.key()) + ")";
  }

  private Future<Void> again(PartitionWork work, Polled polled, InboundRequest in, String why) {
    if (!work.owned() || in.lease().fenced().isPresent()) {
      return Future.succeededFuture();
    }
    LOG.warn("Request {} attempt {} was interrupted ({}); running it again as attempt {}", LogSafe.id(in.requestId()),
        in.attempt(), LogSafe.text(why), in.attempt() + 1);
    metrics.ranAgain();
    return attempt(work, polled, polled.toInbound(in.attempt() + 1, in.lease()));
  }

  /**
   * Dead-letters a record and completes its offset once the DLQ write is acknowledged. If the DLQ refuses the record
   * for good (not a retriable error), the offset completes anyway, logged as an error: a poison record must not stop
   * its partition.
   */
  Future<Void> deadLetter(PartitionWork work, Polled polled, String reason, String detail) {
    LOG.warn("Dead-lettering {}@{} (reason {}): {}", polled.partition(), polled.offset(), reason,
        LogSafe.text(detail));
    ProducerRecord<byte[], byte[]> record =
        DeadLetters.of(options.topics().deadLetters(), polled.record(), reason, detail);
    return retry(work, "dead-letter " + polled.partition() + "@" + polled.offset(), () -> publisher.send(record))
        .transform(ar -> {
          if (ar.succeeded()) {
            metrics.deadLettered();
          } else if (work.owned()) {
            LOG.error("Dropping {}@{}: the dead-letter topic refused it", polled.partition(), polled.offset(),
                ar.cause());
          }
          complete(work, polled.offset());
          return Future.<Void>succeededFuture();
        });
  }

  /** Ends a path that failed for good: nothing when the partition was given up, else the record is dead-lettered. */
  private Future<Void> failed(PartitionWork work, Polled polled, String what, Throwable cause) {
    if (!work.owned() || cause instanceof GivenUpException) {
      return Future.succeededFuture();
    }
    LOG.error("Processing {} at {}@{} failed; dead-lettering it", what, polled.partition(), polled.offset(),
        LogSafe.throwable(cause));
    return deadLetter(work, polled, ErrorCode.INTERNAL.name(), what + " failed: " + LogSafe.text(cause.toString()));
  }

  /** Calls the handler; its answer is brought back to this context even if the handler completes it elsewhere. */
  private Future<Completion> invoke(InboundRequest in) {
    Future<Completion> answer;
    try {
      answer = in.isCancel() ? handler.cancel(in) : handler.handle(in);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (answer == null) {
      return Future.failedFuture(new IllegalStateException("handler returned null"));
    }
    Context context = Vertx.currentContext();
    Promise<Completion> here = Promise.promise();
    answer.onComplete(ar -> {
      if (context == null || Vertx.currentContext() == context) {
        here.handle(ar);
      } else {
        context.runOnContext(v -> here.handle(ar));
      }
    });
    return here.future();
  }

  private Future<Void> finish(PartitionWork work, InboundRequest in, Completion completion) {
    if (!work.owned()) {
      LOG.info("Discarding the result of request {} from {}: partition given up", LogSafe.id(in.requestId()),
          in.position());
      return Future.succeededFuture();
    }
    Optional<String> fenced = in.lease().fenced();
    if (fenced.isPresent()) {
      LOG.warn("Discarding the result of request {} attempt {} from {}: fenced ({})", LogSafe.id(in.requestId()),
          in.attempt(), in.position(), fenced.get());
      return Future.succeededFuture();
    }
    RequestState done = RequestState.done(in, options.workerId(), Instant.now(), completion);
    return persist(work, done)
        .compose(v -> retry(work, "publish result of " + LogSafe.id(in.requestId()),
            () -> publishAll(completion.records())))
        .onSuccess(v -> {
          metrics.completed();
          LOG.info("Completed request {} attempt {} at {}", LogSafe.id(in.requestId()), in.attempt(), in.position());
          complete(work, in.offset());
        });
  }

  private Future<Void> republish(PartitionWork work, Polled polled, RequestState state) {
    String id = LogSafe.id(state.requestId());
    LOG.info("Request {} at {}@{} already DONE (attempt {}); re-publishing its stored result", id,
        polled.partition(), polled.offset(), state.attempt());
    List<OutboundRecord> records = new ArrayList<>();
    for (OutboundRecord r : state.records()) {
      List<Header> headers = new ArrayList<>(r.headers());
      headers.add(new RecordHeader(REPUBLISHED_HEADER, "true".getBytes(StandardCharsets.UTF_8)));
      records.add(new OutboundRecord(r.topic(), r.key(), r.value(), headers));
    }
    return retry(work, "re-publish " + id, () -> publishAll(records))
        .onSuccess(v -> {
          metrics.republished();
          complete(work, polled.offset());
        })
        .recover(cause -> failed(work, polled, "re-publishing " + id, cause));
  }

  private Future<Void> persist(PartitionWork work, RequestState state) {
    byte[] key = state.requestId().getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(options.topics().requestState(),
        work.partition().partition(), key, RequestStateCodec.encode(state));
    return retry(work, "write " + state.status() + " of " + LogSafe.id(state.requestId()),
        () -> publisher.send(record))
        .onSuccess(md -> work.remember(state))
        .mapEmpty();
  }

  private Future<Void> publishAll(List<OutboundRecord> records) {
    return Future.all(records.stream().map(publisher::publish).toList()).mapEmpty();
  }

  private void complete(PartitionWork work, long offset) {
    if (work.owned() && work.tracker().complete(offset)) {
      work.tracker().committable().ifPresent(next -> commits.send(work.partition(), next));
    }
  }

  /**
   * Runs {@code operation} with {@link Retrier} (exponential backoff with full jitter) until it succeeds, fails for
   * good, or the partition is given up; a try that would start after that fails with {@link GivenUpException}. The
   * operation name carries ids for the logs, so the retrier reports to no metrics listener.
   */
  private <T> Future<T> retry(PartitionWork work, String what, Supplier<Future<T>> operation) {
    Retrier retrier = new Retrier(vertx, WRITES, RetryListener.NONE, cause -> work.owned() && retriable(cause));
    return retrier.run(what, UNTIL_GIVEN_UP, () -> work.owned() ? operation.get()
        : Future.failedFuture(new GivenUpException(work.partition() + " was given up before: " + what)));
  }

  /**
   * Returns whether trying again may help: Kafka's retriable errors (the delivery timeout among them) and a closed or
   * closing publisher; not, say, a record too large for the topic.
   */
  static boolean retriable(Throwable cause) {
    return cause instanceof RetriableException || cause instanceof IllegalStateException;
  }

  /** The partition of a pipeline was revoked or lost while it ran. */
  static final class GivenUpException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    GivenUpException(String message) {
      super(message);
    }
  }
}

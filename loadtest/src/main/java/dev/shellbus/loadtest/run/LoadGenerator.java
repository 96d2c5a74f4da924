package dev.shellbus.loadtest.run;

import dev.shellbus.loadtest.kafka.Arrival;
import dev.shellbus.loadtest.kafka.ArrivalListener;
import dev.shellbus.loadtest.kafka.RequestClient;
import dev.shellbus.loadtest.kafka.RequestFactory;
import dev.shellbus.loadtest.kafka.TopicSet;
import dev.shellbus.loadtest.plan.LoadPlan;
import dev.shellbus.loadtest.stats.Stats;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LoadPlan} against shellbus over Kafka and returns what it measured.
 *
 * <p>Black box: it only publishes requests and reads results and lifecycle events, so it measures what a platform
 * sees, against any cluster. One generator can run several plans in turn; each run has its own run id and figures.
 */
public final class LoadGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

  private final String bootstrap;
  private final TopicSet topics;
  private final Map<String, Object> clientProperties;
  private final String tenant;

  /** A generator for the cluster at {@code bootstrap}. */
  public LoadGenerator(String bootstrap, TopicSet topics, Map<String, Object> clientProperties) {
    this(bootstrap, topics, clientProperties, "loadtest");
  }

  /** A generator that sends requests under {@code tenant}. */
  public LoadGenerator(String bootstrap, TopicSet topics, Map<String, Object> clientProperties, String tenant) {
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.clientProperties = Map.copyOf(clientProperties);
    this.tenant = tenant;
  }

  /** Runs the plan to the end: every arrival started and finished, or the final wait ran out. */
  public RunResult run(LoadPlan plan) throws InterruptedException {
    RequestFactory factory = new RequestFactory(tenant, plan.requestTimeout());
    StatsHolder holder = new StatsHolder();
    try (RequestClient client = new RequestClient(bootstrap, topics, holder, clientProperties).start()) {
      long origin = System.nanoTime();
      Stats stats = new Stats(origin);
      holder.stats = stats;
      Instant startedAt = Instant.now();
      InFlight inFlight = new InFlight();
      ArrivalRunner runner = new ArrivalRunner(client, factory, stats);
      LOG.info("run {}: {}", factory.runId(), plan.describe());
      if (plan.model() == LoadPlan.Model.OPEN) {
        Drivers.open(plan, runner, inFlight, origin);
      } else {
        Drivers.closed(plan, runner, inFlight, origin, client.events());
      }
      double issued = (System.nanoTime() - origin) / 1e9;
      LOG.info("run {}: {} arrivals started in {} s; waiting for results", factory.runId(), inFlight.started(),
          String.format("%.1f", issued));
      Duration wait = plan.requestTimeout().plusSeconds(30);
      if (!inFlight.awaitAll(wait)) {
        LOG.warn("run {}: {} arrivals unfinished after {}", factory.runId(),
            inFlight.started() - inFlight.finished(), wait);
      }
      if (!client.settle(Duration.ofSeconds(10))) {
        LOG.warn("run {}: lifecycle events not read to their end within 10 s; ready and first-step counts may be short",
            factory.runId());
      }
      double total = (System.nanoTime() - origin) / 1e9;
      return new RunResult(plan, factory.runId(), startedAt, issued, total, inFlight.started(), inFlight.finished(),
          client.sentCount(), client.undecodable(), stats.snapshots());
    }
  }

  /** Forwards lifecycle marks to the run's figures once they exist (the client starts before the clock does). */
  private static final class StatsHolder implements ArrivalListener {
    volatile Stats stats;

    @Override
    public void sandboxReady(Arrival arrival, long nanos) {
      Stats s = stats;
      if (s != null) {
        s.sandboxReady(arrival, nanos);
      }
    }

    @Override
    public void firstStepStarted(Arrival arrival, long nanos) {
      Stats s = stats;
      if (s != null) {
        s.firstStepStarted(arrival, nanos);
      }
    }
  }
}

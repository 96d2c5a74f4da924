package dev.shellbus.loadtest.chaos.scenario;

import dev.shellbus.loadtest.chaos.proc.ScenarioTopics;
import dev.shellbus.loadtest.chaos.proc.Stack;
import dev.shellbus.loadtest.chaos.traffic.ChaosRequests;
import dev.shellbus.loadtest.chaos.traffic.Ledger;
import dev.shellbus.loadtest.chaos.traffic.Traffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a running scenario works with: the stack, its topics, its request stream, and a record of its faults. */
public final class ScenarioContext {

  private static final Logger LOG = LoggerFactory.getLogger(ScenarioContext.class);

  private final Stack stack;
  private final ScenarioTopics topics;
  private final ScenarioSpec spec;
  private final ChaosRequests requests;
  private final Ledger ledger;
  private final Traffic traffic;
  private final Random random;
  private final List<String> faults = new ArrayList<>();
  private volatile long lastFaultEndMs;
  private volatile Map<String, Long> probes = Map.of();

  public ScenarioContext(Stack stack, ScenarioTopics topics, ScenarioSpec spec, ChaosRequests requests,
      Ledger ledger, Traffic traffic, Random random) {
    this.stack = stack;
    this.topics = topics;
    this.spec = spec;
    this.requests = requests;
    this.ledger = ledger;
    this.traffic = traffic;
    this.random = random;
  }

  public Stack stack() {
    return stack;
  }

  public ScenarioTopics topics() {
    return topics;
  }

  public ScenarioSpec spec() {
    return spec;
  }

  public ChaosRequests requests() {
    return requests;
  }

  public Ledger ledger() {
    return ledger;
  }

  public Traffic traffic() {
    return traffic;
  }

  public Random random() {
    return random;
  }

  /** Records a fault that just ended (the faulted part is back), for the recovery figure and the report. */
  public synchronized void faultEnded(String what) {
    lastFaultEndMs = System.currentTimeMillis();
    faults.add(what);
    LOG.info("fault: {}", what);
  }

  public long lastFaultEndMs() {
    return lastFaultEndMs;
  }

  public synchronized List<String> faults() {
    return List.copyOf(faults);
  }

  /** Records the probes sent behind hostile records. */
  public void probes(Map<String, Long> sent) {
    this.probes = Map.copyOf(sent);
  }

  public Map<String, Long> probes() {
    return probes;
  }

  /** Sleeps, keeping the interrupt. */
  public static void sleep(java.time.Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}

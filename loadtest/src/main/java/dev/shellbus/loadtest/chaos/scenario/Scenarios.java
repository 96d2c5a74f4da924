package dev.shellbus.loadtest.chaos.scenario;

import dev.shellbus.loadtest.chaos.proc.Child;
import dev.shellbus.loadtest.chaos.traffic.Hostile;
import java.time.Duration;
import java.util.List;

/**
 * The faults, by scenario name. Each runs while the scenario's traffic flows (the hostile one sends its own) and
 * returns when faults stop; settling and checking are the runner's.
 */
public final class Scenarios {

  private Scenarios() {}

  /** Runs the scenario {@code c.spec().name()}. */
  public static void run(ScenarioContext c) throws Exception {
    ScenarioSpec s = c.spec();
    switch (s.name()) {
      case "kill-workers" -> killWorkers(c);
      case "broker-restart" -> outage(c, c.stack().broker(), () -> c.stack().awaitBroker());
      case "gateway-outage" -> outage(c, c.stack().gateway(), () -> c.stack().awaitGateway());
      case "store-outage" -> outage(c, c.stack().store(), () -> c.stack().awaitStore());
      case "gateway-delay" -> steady(c, s.duration("duration"));
      case "hostile" -> hostile(c);
      default -> throw new IllegalArgumentException(s.name());
    }
  }

  /** Kills a random worker with SIGKILL at every multiple of {@code every} within {@code duration}, restarting it a
   * second later. */
  private static void killWorkers(ScenarioContext c) throws Exception {
    ScenarioSpec s = c.spec();
    startTraffic(c);
    long start = System.nanoTime();
    long duration = s.duration("duration").toNanos();
    long every = s.duration("every").toNanos();
    for (long at = every; at < duration; at += every) {
      sleepUntil(start + at);
      List<Child> workers = c.stack().workers();
      Child w = workers.get(c.random().nextInt(workers.size()));
      w.kill9();
      ScenarioContext.sleep(Duration.ofSeconds(1));
      w.start();
      c.faultEnded("SIGKILL " + w.name() + ", restarted");
    }
    sleepUntil(start + duration);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000);
    }
  }

  /** Traffic for {@code before}, the part killed with SIGKILL and down for {@code outage}, then {@code after}. */
  private static void outage(ScenarioContext c, Child part, Runnable awaitReady) throws Exception {
    ScenarioSpec s = c.spec();
    startTraffic(c);
    ScenarioContext.sleep(s.duration("before"));
    part.kill9();
    ScenarioContext.sleep(s.duration("outage"));
    part.start();
    awaitReady.run();
    c.faultEnded("SIGKILL " + part.name() + ", down " + s.params().get("outage") + ", restarted");
    ScenarioContext.sleep(s.duration("after"));
  }

  private static void steady(ScenarioContext c, Duration d) throws Exception {
    startTraffic(c);
    ScenarioContext.sleep(d);
  }

  private static void startTraffic(ScenarioContext c) {
    ScenarioSpec s = c.spec();
    c.traffic().start(s.number("rate"), 0, s.integer("secret-every"));
  }

  /** The hostile records mixed with good jobs, then one good job per partition behind them. */
  private static void hostile(ScenarioContext c) {
    ScenarioSpec s = c.spec();
    try (Hostile h = new Hostile(c.stack().bootstrap(), c.topics().requests(), c.requests(), c.ledger(),
        c.random().nextLong())) {
      h.publish(s.integer("hostile"), 20);
      c.probes(h.probe(c.topics().partitions()));
    }
  }
}

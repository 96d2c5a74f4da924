package dev.shellbus.loadtest.chaos;

import dev.shellbus.loadtest.chaos.check.Checker;
import dev.shellbus.loadtest.chaos.check.Evidence;
import dev.shellbus.loadtest.chaos.check.EvidenceReader;
import dev.shellbus.loadtest.chaos.check.Findings;
import dev.shellbus.loadtest.chaos.proc.Child;
import dev.shellbus.loadtest.chaos.proc.ScenarioTopics;
import dev.shellbus.loadtest.chaos.proc.Stack;
import dev.shellbus.loadtest.chaos.proc.WorkerConfigFile;
import dev.shellbus.loadtest.chaos.scenario.ScenarioContext;
import dev.shellbus.loadtest.chaos.scenario.ScenarioSpec;
import dev.shellbus.loadtest.chaos.scenario.Scenarios;
import dev.shellbus.loadtest.chaos.traffic.ChaosRequests;
import dev.shellbus.loadtest.chaos.traffic.Ledger;
import dev.shellbus.loadtest.chaos.traffic.Traffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scenario from start to verdict: fresh topics and tenant, its workers (and reaper) started on a generated
 * configuration file, the faults under traffic, the settle (every acknowledged request has a result, the group has
 * no lag, the scenario's sandboxes are gone from the gateway, each within its timeout), then the evidence and the
 * checker's findings.
 */
final class ScenarioRun {

  private static final Logger LOG = LoggerFactory.getLogger(ScenarioRun.class);

  /** The outcome of one scenario. */
  record Outcome(ScenarioSpec spec, ScenarioTopics topics, List<String> faults, long durationMs, int arrivals,
      Findings findings) {}

  private ScenarioRun() {}

  static Outcome run(Stack stack, ScenarioSpec spec, ScenarioTopics topics, Path dir, long seed, boolean reaper)
      throws Exception {
    long start = System.currentTimeMillis();
    Path logs = dir.resolve("logs");
    Files.createDirectories(logs);
    Path config = WorkerConfigFile.write(dir, topics, stack.ports());
    boolean delayed = spec.name().equals("gateway-delay");
    if (delayed) {
      stack.regateway(spec.integer("delay-ms"));
    }
    List<String> infraCrashesBefore = stack.infraCrashes();
    stack.startWorkers(config, logs, topics.group());
    Ledger ledger = new Ledger();
    ChaosRequests requests = new ChaosRequests(topics.tenant(), Duration.ofMinutes(30));
    Traffic traffic = new Traffic(stack.bootstrap(), topics.requests(), requests, ledger, seed);
    ScenarioContext ctx = new ScenarioContext(stack, topics, spec, requests, ledger, traffic, new Random(seed));
    LOG.info("scenario {} on {}", spec, topics.prefix());
    try {
      Scenarios.run(ctx);
      traffic.stop();
    } finally {
      traffic.close();
    }
    Duration settle = spec.duration("settle");
    int missing = Settle.awaitResults(stack.bootstrap(), topics.results(), () -> ledger.sent().keySet(), settle);
    EvidenceReader reader = new EvidenceReader(stack.bootstrap(), stack.gatewayEndpoint(), stack.storeDir());
    Settle.until(Duration.ofSeconds(60), () -> reader.lag(topics).values().stream().allMatch(l -> l == 0));
    Duration sandboxGrace = reaper ? spec.duration("reaper-grace") : Duration.ofSeconds(20);
    Settle.until(sandboxGrace, () -> reader.sandboxes(topics).isEmpty());
    LOG.info("settled ({} without result)", missing);
    List<String> crashes = new ArrayList<>();
    List<Path> workerLogs = new ArrayList<>();
    for (Child w : stack.workers()) {
      crashes.addAll(w.crashNotes());
      workerLogs.add(w.log());
    }
    if (stack.reaper() != null) {
      crashes.addAll(stack.reaper().crashNotes());
      workerLogs.add(stack.reaper().log());
    }
    List<String> infra = new ArrayList<>(stack.infraCrashes());
    infra.removeAll(infraCrashesBefore);
    crashes.addAll(infra);
    Map<String, String> sent = new HashMap<>();
    ledger.sent().forEach((id, s) -> sent.put(id, s.kind()));
    EvidenceReader.Known known = new EvidenceReader.Known(sent, ledger.secrets(), ledger.hostileIds(),
        ledger.hostileKinds(), ctx.probes(), crashes, ctx.lastFaultEndMs(), ledger.sendFailures(), workerLogs,
        List.of(stack.broker().log(), stack.store().log(), stack.gateway().log()));
    Evidence evidence = reader.read(topics, known);
    Findings findings = Checker.check(evidence);
    int arrivals = (int) traffic.arrivals();
    stack.stopWorkers();
    if (delayed) {
      stack.regateway(0);
    }
    LOG.info("scenario {}: {}", spec.name(), findings.passed() ? "passed" : "FAILED " + findings.failures());
    return new Outcome(spec, topics, ctx.faults(), System.currentTimeMillis() - start, arrivals, findings);
  }
}

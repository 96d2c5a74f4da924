package dev.shellbus.loadtest.chaos.check;

import dev.shellbus.loadtest.chaos.check.Evidence.LifecycleRecord;
import dev.shellbus.loadtest.chaos.check.Evidence.ResultRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The chaos suite's verdict over one scenario's {@link Evidence}, pure so that a test can feed it made-up evidence.
 *
 * <p>Hard checks: no acknowledged request without a terminal result, no request id (of the good requests, each sent
 * once; hostile records may share an id on purpose) with two results unless the later ones carry {@code shellbus.republished} (BEHAVIOR.md section 9: a redelivered DONE request is re-published with
 * that header), no sandbox of the scenario left on the gateway, no requests partition with lag, no planted secret
 * outside the requests topic, no process that died without being killed. Everything else is a figure.
 */
public final class Checker {

  private static final Set<String> DELETED = Set.of("SANDBOX_DELETED", "REAPED");

  private Checker() {}

  /** Checks the evidence. */
  public static Findings check(Evidence e) {
    Map<String, List<ResultRecord>> byId = e.results().stream()
        .collect(Collectors.groupingBy(ResultRecord::requestId));
    List<String> lost = e.sent().keySet().stream().filter(id -> !byId.containsKey(id)).sorted().toList();
    List<String> unmarked = new ArrayList<>();
    int marked = 0;
    for (Map.Entry<String, List<ResultRecord>> r : byId.entrySet()) {
      if (!e.sent().containsKey(r.getKey())) {
        continue;
      }
      long plain = r.getValue().stream().filter(x -> !x.republished()).count();
      marked += (int) r.getValue().stream().filter(ResultRecord::republished).count();
      if (plain > 1) {
        unmarked.add(abbreviate(r.getKey()) + " (" + plain + " unmarked results)");
      }
    }
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> byError = new TreeMap<>();
    long lastResult = 0;
    for (String id : e.sent().keySet()) {
      List<ResultRecord> rs = byId.get(id);
      if (rs == null) {
        continue;
      }
      ResultRecord first = rs.get(0);
      byStatus.merge(first.status(), 1, Integer::sum);
      if (!"SUCCEEDED".equals(first.status())) {
        byError.merge(first.status() + "/" + first.errorCode(), 1, Integer::sum);
      }
      for (ResultRecord r : rs) {
        lastResult = Math.max(lastResult, r.timestampMs());
      }
    }
    Map<String, Integer> hostileResults = new TreeMap<>();
    int hostileWithResult = 0;
    for (ResultRecord r : e.results()) {
      String kind = e.hostileIds().get(r.requestId());
      if (kind != null) {
        hostileWithResult++;
        hostileResults.merge(kind + ":" + r.status(), 1, Integer::sum);
      }
    }
    int hostileTotal = e.hostileKinds().values().stream().mapToInt(Integer::intValue).sum();
    int dlqTotal = e.dlqByKind().entrySet().stream().filter(d -> !d.getKey().startsWith("good:"))
        .mapToInt(Map.Entry::getValue).sum() - e.dlqDuplicates();
    int unaccounted = Math.max(0, hostileTotal - dlqTotal - hostileWithResult);
    long probeMax = -1;
    for (Map.Entry<String, Long> p : e.probes().entrySet()) {
      List<ResultRecord> rs = byId.get(p.getKey());
      if (rs != null) {
        probeMax = Math.max(probeMax, rs.get(0).timestampMs() - p.getValue());
      }
    }
    Map<Integer, Long> stuck = new TreeMap<>();
    e.lag().forEach((p, l) -> {
      if (l != 0) {
        stuck.put(p, l);
      }
    });
    long recovery = e.lastFaultMs() > 0 && lastResult > 0 ? Math.max(0, lastResult - e.lastFaultMs()) : -1;
    List<String> failures = new ArrayList<>();
    fail(failures, !lost.isEmpty(), lost.size() + " lost: no terminal result for " + sample(lost));
    fail(failures, !unmarked.isEmpty(), unmarked.size() + " unmarked duplicates: " + sample(unmarked));
    fail(failures, !e.gatewaySandboxes().isEmpty(), e.gatewaySandboxes().size() + " orphan sandboxes: "
        + sample(new ArrayList<>(e.gatewaySandboxes().keySet())));
    fail(failures, !stuck.isEmpty(), stuck.size() + " stuck partitions (lag by partition): " + stuck);
    fail(failures, !e.secretHits().isEmpty(), e.secretHits().size() + " leaked secrets: " + sample(e.secretHits()));
    fail(failures, !e.crashes().isEmpty(), e.crashes().size() + " crashes: " + sample(e.crashes()));
    return new Findings(e.sent().size(), lost, unmarked, marked, stepsInSeveralAttempts(e.lifecycle()),
        undeletedSandboxes(e.lifecycle()), new TreeMap<>(e.gatewaySandboxes()), stuck, recovery, byStatus, byError,
        new TreeMap<>(e.dlqReasons()), new TreeMap<>(e.dlqByKind()), e.dlqDuplicates(), hostileResults, unaccounted, probeMax, new TreeMap<>(e.logBytes()),
        e.crashes(), e.secretHits(), failures);
  }

  private static List<String> stepsInSeveralAttempts(List<LifecycleRecord> events) {
    Map<String, Map<Integer, Set<Integer>>> attemptsByStep = new HashMap<>();
    for (LifecycleRecord l : events) {
      if ("STEP_STARTED".equals(l.type()) && l.stepIndex() != null) {
        attemptsByStep.computeIfAbsent(l.requestId(), k -> new HashMap<>())
            .computeIfAbsent(l.stepIndex(), k -> new HashSet<>()).add(l.attempt());
      }
    }
    return attemptsByStep.entrySet().stream()
        .filter(r -> r.getValue().values().stream().anyMatch(a -> a.size() > 1))
        .map(Map.Entry::getKey).sorted().toList();
  }

  private static List<String> undeletedSandboxes(List<LifecycleRecord> events) {
    Set<String> created = new HashSet<>();
    Set<String> deleted = new HashSet<>();
    Map<String, String> requestOf = new HashMap<>();
    for (LifecycleRecord l : events) {
      if (l.sandbox() == null) {
        continue;
      }
      if ("SANDBOX_CREATING".equals(l.type())) {
        created.add(l.sandbox());
        requestOf.put(l.sandbox(), l.requestId());
      } else if (DELETED.contains(l.type())) {
        deleted.add(l.sandbox());
      }
    }
    created.removeAll(deleted);
    return created.stream().sorted().map(s -> s + " (request " + requestOf.get(s) + ")").toList();
  }

  private static void fail(List<String> failures, boolean failed, String line) {
    if (failed) {
      failures.add(line);
    }
  }

  private static String sample(List<String> items) {
    List<String> first = items.stream().limit(5).map(Checker::abbreviate).toList();
    return first + (items.size() > 5 ? " and " + (items.size() - 5) + " more" : "");
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "...(" + s.length() + " chars)" : s;
  }
}

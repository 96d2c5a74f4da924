package dev.shellbus.devkit.gateway.store;

import dev.shellbus.gateway.v1.PlatformEvent;
import dev.shellbus.gateway.v1.SandboxLogLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-sandbox rings of log lines (2000) and platform events (500), keyed by sandbox id and dropped with the sandbox.
 *
 * <p>Appending also notifies the sandbox's watchers. Confined to the gateway's event-loop context.
 */
public final class SandboxLogs {

  /** How many log lines each sandbox keeps. */
  public static final int LOG_CAPACITY = 2000;
  /** How many platform events each sandbox keeps. */
  public static final int EVENT_CAPACITY = 500;

  private final WatchBus bus;
  private final Map<String, Deque<SandboxLogLine>> lines = new HashMap<>();
  private final Map<String, Deque<PlatformEvent>> events = new HashMap<>();

  SandboxLogs(WatchBus bus) {
    this.bus = bus;
  }

  /** Appends a log line to its sandbox's ring (named by {@code line.sandbox_id}) and tells the watchers. */
  public void append(SandboxLogLine line) {
    add(lines, line.getSandboxId(), line, LOG_CAPACITY);
    bus.log(line.getSandboxId(), line);
  }

  /** Records a platform event of the sandbox {@code id} and tells the watchers. */
  public void record(String id, PlatformEvent event) {
    add(events, id, event, EVENT_CAPACITY);
    bus.event(id, event);
  }

  /** Returns the last {@code count} log lines of the sandbox, oldest first. */
  public List<SandboxLogLine> tail(String id, int count) {
    return last(lines.get(id), count);
  }

  /** Returns the last {@code count} platform events of the sandbox, oldest first. */
  public List<PlatformEvent> eventTail(String id, int count) {
    return last(events.get(id), count);
  }

  void drop(String id) {
    lines.remove(id);
    events.remove(id);
  }

  private static <T> void add(Map<String, Deque<T>> rings, String id, T item, int capacity) {
    Deque<T> ring = rings.computeIfAbsent(id, key -> new ArrayDeque<>());
    if (ring.size() == capacity) {
      ring.removeFirst();
    }
    ring.addLast(item);
  }

  private static <T> List<T> last(Deque<T> ring, int count) {
    if (ring == null || count <= 0) {
      return List.of();
    }
    List<T> all = new ArrayList<>(ring);
    return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
  }
}

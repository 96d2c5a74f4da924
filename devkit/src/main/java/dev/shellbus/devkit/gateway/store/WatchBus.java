package dev.shellbus.devkit.gateway.store;

import dev.shellbus.gateway.v1.PlatformEvent;
import dev.shellbus.gateway.v1.SandboxLogLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fans changes of one sandbox out to its watchers: status changes, new log lines, platform events and removal.
 *
 * <p>Confined to the gateway's event-loop context. A status notification carries no data: like the real gateway,
 * a watcher re-reads the store, so quick successive changes may be coalesced or repeated.
 */
public final class WatchBus {

  /** Receives the changes of one sandbox; called on the gateway context. */
  public interface Listener {
    /** The sandbox record changed; re-read it. */
    void onStatus();

    /** A log line was appended. */
    void onLog(SandboxLogLine line);

    /** A platform event was recorded. */
    void onEvent(PlatformEvent event);

    /** The sandbox record was removed; no more notifications follow. */
    void onRemoved();
  }

  /** Cancels one subscription. */
  public interface Subscription {
    /** Stops the notifications; calling it twice is harmless. */
    void cancel();
  }

  private final Map<String, List<Listener>> listeners = new HashMap<>();

  /** Subscribes {@code listener} to the changes of the sandbox {@code id}. */
  public Subscription subscribe(String id, Listener listener) {
    listeners.computeIfAbsent(id, key -> new ArrayList<>()).add(listener);
    return () -> {
      List<Listener> list = listeners.get(id);
      if (list != null) {
        list.remove(listener);
        if (list.isEmpty()) {
          listeners.remove(id);
        }
      }
    };
  }

  /** Returns how many watchers the sandbox has. */
  public int watchers(String id) {
    return listeners.getOrDefault(id, List.of()).size();
  }

  void status(String id) {
    for (Listener listener : snapshot(id)) {
      listener.onStatus();
    }
  }

  void log(String id, SandboxLogLine line) {
    for (Listener listener : snapshot(id)) {
      listener.onLog(line);
    }
  }

  void event(String id, PlatformEvent event) {
    for (Listener listener : snapshot(id)) {
      listener.onEvent(event);
    }
  }

  void removed(String id) {
    List<Listener> list = listeners.remove(id);
    if (list != null) {
      for (Listener listener : List.copyOf(list)) {
        listener.onRemoved();
      }
    }
  }

  private List<Listener> snapshot(String id) {
    List<Listener> list = listeners.get(id);
    return list == null ? List.of() : List.copyOf(list);
  }
}

package dev.shellbus.loadtest.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A weighted choice of workloads, e.g. {@code job=70,session/5=20,artifact/1MiB=10}.
 *
 * <p>The draw is seeded, so two runs with the same seed offer the same sequence of request types.
 */
public final class Mix {

  private final List<Workload> workloads;
  private final int totalWeight;

  /** Builds a mix; names must be unique. */
  public Mix(List<Workload> workloads) {
    if (workloads.isEmpty()) {
      throw new IllegalArgumentException("the mix needs at least one entry");
    }
    this.workloads = List.copyOf(workloads);
    this.totalWeight = workloads.stream().mapToInt(Workload::weight).sum();
    if (workloads.stream().map(Workload::name).distinct().count() != workloads.size()) {
      throw new IllegalArgumentException("mix entries must have distinct names: " + workloads);
    }
  }

  /** Parses a comma-separated list of {@link Workload#parse(String)} entries. */
  public static Mix parse(String text) {
    List<Workload> list = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        list.add(Workload.parse(part));
      }
    }
    return new Mix(list);
  }

  /** A mix of one workload. */
  public static Mix of(Workload workload) {
    return new Mix(List.of(workload));
  }

  /** Returns the entries in the order given. */
  public List<Workload> workloads() {
    return workloads;
  }

  /** Draws one workload with probability proportional to its weight. */
  public Workload pick(Random random) {
    int ticket = random.nextInt(totalWeight);
    for (Workload w : workloads) {
      ticket -= w.weight();
      if (ticket < 0) {
        return w;
      }
    }
    throw new AssertionError("weights changed");
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Workload w : workloads) {
      sb.append(sb.length() == 0 ? "" : ",").append(w.name()).append('=').append(w.weight());
    }
    return sb.toString();
  }
}

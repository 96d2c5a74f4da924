package dev.shellbus.loadtest.stack;

/**
 * What a worker's JVM reports about itself at one moment.
 *
 * @param heapUsedBytes heap in use now, garbage included
 * @param heapAfterGcBytes heap in use after the most recent collection (live data plus what that collection kept)
 * @param cpuNanos CPU time the JVM has used since it started, all threads
 * @param uptimeNanos time since the JVM started
 */
public record WorkerSample(long heapUsedBytes, long heapAfterGcBytes, long cpuNanos, long uptimeNanos) {

  /** Returns the CPU used between {@code earlier} and this sample, in cores (1.0 = one core busy). */
  public double coresSince(WorkerSample earlier) {
    long wall = uptimeNanos - earlier.uptimeNanos;
    return wall <= 0 ? 0 : (double) (cpuNanos - earlier.cpuNanos) / wall;
  }

  /** Takes a sample of this JVM, optionally after a full collection. */
  public static WorkerSample ofThisJvm(boolean gcFirst) {
    if (gcFirst) {
      System.gc();
      System.gc();
    }
    var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
    long afterGc = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
        afterGc += pool.getCollectionUsage().getUsed();
      }
    }
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu = os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
    return new WorkerSample(memory.getHeapMemoryUsage().getUsed(), afterGc, cpu, uptime);
  }

  /** The protocol line a forked worker prints. */
  String toLine() {
    return "@sample " + heapUsedBytes + " " + heapAfterGcBytes + " " + cpuNanos + " " + uptimeNanos;
  }

  /** Parses {@link #toLine()}. */
  static WorkerSample parse(String line) {
    String[] p = line.trim().split(" ");
    return new WorkerSample(Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]));
  }
}

package dev.shellbus.loadtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The whole machine's CPU use from {@code /proc/stat} (Linux): how many cores were busy between two readings. With
 * the broker, the S3 server, the gateway and the generator on the same machine as the worker, this says whether the
 * machine, rather than the worker, was the limit.
 */
record MachineCpu(long busyTicks, long totalTicks) {

  /** Reads the aggregate {@code cpu} line; empty where there is no {@code /proc/stat}. */
  static Optional<MachineCpu> read() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu ")) {
          return Optional.of(parse(line));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Parses {@code cpu user nice system idle iowait irq softirq steal ...}: idle and iowait count as not busy. */
  static MachineCpu parse(String line) {
    String[] f = line.trim().split("\\s+");
    long total = 0;
    long idle = 0;
    for (int i = 1; i < f.length && i <= 8; i++) {
      long v = Long.parseLong(f[i]);
      total += v;
      if (i == 4 || i == 5) {
        idle += v;
      }
    }
    return new MachineCpu(total - idle, total);
  }

  /** Cores busy on average since {@code before}, out of {@code cores}. */
  double coresBusySince(MachineCpu before, int cores) {
    long total = totalTicks - before.totalTicks;
    return total <= 0 ? 0 : cores * (double) (busyTicks - before.busyTicks) / total;
  }
}

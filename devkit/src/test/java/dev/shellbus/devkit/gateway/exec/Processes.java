package dev.shellbus.devkit.gateway.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Finds host processes by a marker in their command line, and polls with a deadline. */
final class Processes {

  private Processes() {}

  /** Returns a fresh number to use as a marker, e.g. as the argument of {@code sleep}. */
  static String marker() {
    return Integer.toString(ThreadLocalRandom.current().nextInt(400_000, 900_000));
  }

  /** Returns the host pids whose command line contains {@code marker}, except this JVM. */
  static List<Long> withMarker(String marker) {
    List<Long> pids = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path entry : entries) {
        try {
          String cmdline = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
          long pid = Long.parseLong(entry.getFileName().toString());
          if (pid != self && cmdline.contains(marker)) {
            pids.add(pid);
          }
        } catch (IOException vanished) {
          // The process exited while we looked.
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return pids;
  }

  /** Polls {@code condition} every 20 ms until it holds or {@code millis} pass; returns whether it held. */
  static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}

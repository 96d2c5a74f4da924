package dev.shellbus.devkit.gateway.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kills the whole process tree of one exec. Blocking (it reads {@code /proc}); call it from an I/O thread.
 *
 * <p>Under bubblewrap, SIGKILL to the outer {@code bwrap} is enough: its pid-namespace init dies with it
 * ({@code --die-with-parent}) and the kernel kills everything in the namespace; the known descendants are killed too
 * for good measure. Every exec leads its own session ({@code setsid}); for plain processes the members of that session
 * are killed as well, which catches children that were re-parented after their parent died.
 */
final class ProcessTree {

  private ProcessTree() {}

  /** Kills {@code root}, its descendants, and when {@code session} is set, every process of its session. */
  static void kill(ProcessHandle root, boolean session) {
    List<ProcessHandle> descendants = new ArrayList<>();
    root.descendants().forEach(descendants::add);
    root.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    if (session) {
      killSession(root.pid());
    }
  }

  /** Kills every process whose session id is {@code sessionId} (Linux {@code /proc/<pid>/stat}, field 6). */
  static void killSession(long sessionId) {
    for (long pid : sessionMembers(sessionId)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** Returns the pids whose session id is {@code sessionId}; empty where {@code /proc} is not readable. */
  static List<Long> sessionMembers(long sessionId) {
    List<Long> members = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path entry : entries) {
        if (groupOf(entry.resolve("stat")).filter(ids -> ids.session() == sessionId).isPresent()) {
          members.add(Long.parseLong(entry.getFileName().toString()));
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // Not Linux, or /proc is not mounted: the descendants kill is all we can do.
    }
    return members;
  }

  /** Returns the process group and session of {@code pid}; empty when it is gone or {@code /proc} is unreadable. */
  static Optional<Group> groupOf(long pid) {
    return groupOf(Path.of("/proc", Long.toString(pid), "stat"));
  }

  private static Optional<Group> groupOf(Path stat) {
    try {
      String line = Files.readString(stat, StandardCharsets.ISO_8859_1);
      // pid (comm) state ppid pgrp session ...; comm may contain spaces and parentheses, so cut at the last ')'.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Optional.of(new Group(Long.parseLong(fields[2]), Long.parseLong(fields[3])));
    } catch (IOException | RuntimeException vanished) {
      return Optional.empty();
    }
  }

  /** A process's process group and session ids, fields 5 and 6 of {@code /proc/<pid>/stat}. */
  record Group(long processGroup, long session) {}
}

package dev.shellbus.orchestrator.testing;

import dev.shellbus.orchestrator.gateway.SandboxInfo;
import java.util.Map;
import java.util.TreeMap;

/** One sandbox of the {@link FakeGateway}: its record and a tiny file system (absolute path to file). */
public final class FakeSandbox {
  /** A file: its bytes and mode. */
  public record FakeFile(byte[] data, int mode) {}

  volatile SandboxInfo info;
  final Map<String, FakeFile> files = new TreeMap<>();

  FakeSandbox(SandboxInfo info) {
    this.info = info;
  }

  public SandboxInfo info() {
    return info;
  }

  public synchronized Map<String, FakeFile> files() {
    return Map.copyOf(files);
  }

  public synchronized void put(String path, byte[] data, int mode) {
    files.put(path, new FakeFile(data, mode));
  }

  synchronized boolean isDirectory(String path) {
    return files.keySet().stream().anyMatch(p -> p.startsWith(path + "/"));
  }

  synchronized Map<String, FakeFile> under(String dir) {
    Map<String, FakeFile> found = new TreeMap<>();
    files.forEach((path, file) -> {
      if (path.startsWith(dir + "/")) {
        found.put(path, file);
      }
    });
    return found;
  }
}

package dev.shellbus.loadtest.chaos.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Searches bytes, files and directory trees for the planted secret values and says where each was found. */
public final class SecretScan {

  private final List<byte[]> secrets = new ArrayList<>();
  private final List<String> values;
  private final List<String> hits = new ArrayList<>();

  /** Searches for these values. */
  public SecretScan(List<String> values) {
    this.values = List.copyOf(values);
    values.forEach(v -> secrets.add(v.getBytes(StandardCharsets.UTF_8)));
  }

  /** Searches {@code data}, reporting a hit as {@code where}. */
  public void bytes(byte[] data, String where) {
    if (data == null) {
      return;
    }
    for (int i = 0; i < secrets.size(); i++) {
      if (indexOf(data, secrets.get(i)) >= 0) {
        hits.add(values.get(i) + " in " + where);
      }
    }
  }

  /** Searches every regular file under {@code root} (a file or a directory), naming hits by {@code label}/path. */
  public void tree(Path root, String label) throws IOException {
    if (secrets.isEmpty() || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        bytes(Files.readAllBytes(f), label + "/" + root.relativize(f));
      }
    }
  }

  /** Returns one line per hit. */
  public List<String> hits() {
    return List.copyOf(hits);
  }

  /** Returns the first index of {@code needle} in {@code hay}, or -1. */
  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

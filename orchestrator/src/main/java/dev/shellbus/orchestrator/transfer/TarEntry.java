package dev.shellbus.orchestrator.transfer;

import java.util.Objects;

/**
 * One member of a tar archive as shellbus reads and writes it: a name (relative, '/'-separated,
 * no trailing slash), a type, permission bits, the size of its data (zero except for regular
 * files), a link target for links, and the modification time in epoch seconds.
 */
public record TarEntry(String name, Type type, int mode, long size, String linkName, long mtime) {
  /** The member types shellbus distinguishes; everything else (devices, fifos) is {@link #OTHER}. */
  public enum Type {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK,
    OTHER
  }

  public TarEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    linkName = linkName == null ? "" : linkName;
    if (size < 0) {
      throw new IllegalArgumentException("negative tar entry size " + size);
    }
  }

  /** A regular file of {@code size} bytes. */
  public static TarEntry file(String name, int mode, long size, long mtime) {
    return new TarEntry(name, Type.FILE, mode, size, "", mtime);
  }

  /** A directory. */
  public static TarEntry directory(String name, int mode, long mtime) {
    return new TarEntry(name, Type.DIRECTORY, mode, 0, "", mtime);
  }

  /** The same entry under another name (and, for hard links, another link target). */
  public TarEntry renamed(String newName, String newLinkName) {
    return new TarEntry(newName, type, mode, size, newLinkName, mtime);
  }

  /** Whether data bytes follow this entry's header. */
  public boolean hasData() {
    return size > 0;
  }
}

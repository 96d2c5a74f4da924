package dev.shellbus.devkit.gateway.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-only system a bubblewrap sandbox sees: the host's programs and libraries and a small {@code /etc}, nothing
 * else of the host.
 *
 * <p>A sandbox must not read the host's private files (home directories, {@code /root}, {@code /opt}, the checkout,
 * the gateway's data, another gateway's sandboxes), so nothing is bound by default: only {@link #ROOT_ENTRIES} (kept as
 * symlinks where the host has merged {@code /usr}) and the {@link #ETC_ENTRIES} that exist. {@code /etc/passwd} and
 * {@code /etc/group} are not the host's: they are generated ({@link #passwd}, {@link #group}) and name only root, the
 * sandbox user and nobody. Entries are read from the host once, when the launcher is built.
 */
final class SystemView {

  /** The top-level directories bound read-only (or recreated as symlinks) when the host has them. */
  static final List<String> ROOT_ENTRIES = List.of("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32");

  /**
   * The {@code /etc} entries programs need, bound read-only when the host has them: name resolution, the dynamic
   * linker's cache, CA certificates, Debian's alternatives (e.g. {@code awk}), the time zone, and the login shell's
   * profile ({@code bash -lc} reads it, as before).
   */
  static final List<String> ETC_ENTRIES = List.of("hosts", "host.conf", "nsswitch.conf", "resolv.conf", "gai.conf",
      "services", "protocols", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "ssl/certs", "ssl/openssl.cnf",
      "pki/tls/certs", "pki/ca-trust/extracted", "ca-certificates", "alternatives", "localtime", "timezone",
      "os-release", "profile", "profile.d", "bash.bashrc");

  /** The generated files, written into {@link #identityDirectory} and bound over {@code /etc}. */
  static final List<String> GENERATED = List.of("passwd", "group");

  private SystemView() {}

  /** Returns the bubblewrap arguments that bind the system view of {@code hostRoot}, minus the generated files. */
  static List<String> hostBinds(Path hostRoot) {
    List<String> args = new ArrayList<>();
    for (String name : ROOT_ENTRIES) {
      Path entry = hostRoot.resolve(name);
      if (Files.isSymbolicLink(entry)) {
        args.addAll(List.of("--symlink", readLink(entry), "/" + name));
      } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        args.addAll(List.of("--ro-bind", entry.toString(), "/" + name));
      }
    }
    for (String name : ETC_ENTRIES) {
      Path entry = hostRoot.resolve("etc").resolve(name);
      // Files.exists follows links: a dangling /etc/resolv.conf (systemd-resolved not running) would fail bwrap.
      if (Files.exists(entry)) {
        args.addAll(List.of("--ro-bind", entry.toString(), "/etc/" + name));
      }
    }
    args.addAll(List.of("--symlink", "../proc/self/mounts", "/etc/mtab"));
    return List.copyOf(args);
  }

  /** Returns the bubblewrap arguments that bind the generated files found in {@code identity} over {@code /etc}. */
  static List<String> generatedBinds(Path identity) {
    List<String> args = new ArrayList<>();
    for (String name : GENERATED) {
      args.addAll(List.of("--ro-bind", identity.resolve(name).toString(), "/etc/" + name));
    }
    return List.copyOf(args);
  }

  /**
   * Returns the directory that holds the generated {@code /etc} files of the sandboxes whose workspaces are siblings
   * of {@code workspace}: {@code .etc} next to them, owned by the gateway, read-only to sandboxes.
   */
  static Path identityDirectory(Path workspace) {
    return workspace.toAbsolutePath().normalize().resolveSibling(".etc");
  }

  /** Returns an {@code /etc/passwd} naming root, the sandbox user ({@code uid}, home {@code /sandbox}) and nobody. */
  static String passwd(int uid, int gid) {
    StringBuilder out = new StringBuilder("root:x:0:0:root:/root:/usr/sbin/nologin\n");
    if (uid != 0) {
      out.append("sandbox:x:").append(uid).append(':').append(gid).append(":sandbox:/sandbox:/bin/bash\n");
    }
    if (uid != ExecOptions.NOBODY) {
      out.append("nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
    }
    return out.toString();
  }

  /** Returns an {@code /etc/group} naming root, the sandbox group ({@code gid}) and nogroup. */
  static String group(int gid) {
    StringBuilder out = new StringBuilder("root:x:0:\n");
    if (gid != 0) {
      out.append("sandbox:x:").append(gid).append(":\n");
    }
    if (gid != ExecOptions.NOBODY) {
      out.append("nogroup:x:65534:\n");
    }
    return out.toString();
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the host symlink " + link + " for bubblewrap", e);
    }
  }
}

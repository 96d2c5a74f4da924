package dev.shellbus.devkit.gateway.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a sandbox's workspace directory usable by the unprivileged sandbox uid. Blocking; call from an I/O thread.
 *
 * <p>bubblewrap runs as the sandbox uid, so it can bind the workspace only if every ancestor directory is searchable
 * by others, and the command can write to it only if the sandbox uid owns it. The workspace is created if missing and
 * chowned; an ancestor without the others-search bit gets it (search only, never read), with a warning, once.
 */
final class Workspaces {

  private static final Logger LOG = LoggerFactory.getLogger(Workspaces.class);

  /** {@code drwxrwxrwt}, the mode of a real {@code /tmp}. */
  private static final int STICKY_WORLD_WRITABLE = 01777;

  private final Set<Path> searchable = ConcurrentHashMap.newKeySet();
  private final Set<Path> identities = ConcurrentHashMap.newKeySet();

  /** Prepares {@code workspace} for {@code uid}/{@code gid}; with {@code chown} false only creates it. */
  void prepare(Path workspace, int uid, int gid, boolean chown) throws IOException {
    Path dir = workspace.toAbsolutePath().normalize();
    Files.createDirectories(dir);
    if (!chown) {
      return;
    }
    own(dir, uid, gid);
    for (Path ancestor = dir.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
      if (searchable.contains(ancestor)) {
        break;
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(ancestor);
      if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(ancestor, permissions);
        LOG.warn("made {} searchable by others (o+x) so the sandbox uid {} can reach the workspace {}", ancestor, uid,
            dir);
      }
      searchable.add(ancestor);
    }
  }

  /**
   * Creates the sandbox's persistent {@code /tmp} directory ({@link ExecTarget#tmpDirectory}) next to its workspace,
   * mode {@code 1777} like a real {@code /tmp}, owned by {@code uid}/{@code gid} when {@code chown}. Call after
   * {@link #prepare}, which makes the common parent searchable.
   */
  void prepareTmp(Path workspace, int uid, int gid, boolean chown) throws IOException {
    Path tmp = ExecTarget.tmpDirectory(workspace);
    if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(tmp);
      Files.setAttribute(tmp, "unix:mode", STICKY_WORLD_WRITABLE, LinkOption.NOFOLLOW_LINKS);
    }
    if (chown) {
      own(tmp, uid, gid);
    }
  }

  /**
   * Writes the generated {@code /etc} files ({@link SystemView#GENERATED}) into the {@link
   * SystemView#identityDirectory} of {@code workspace}, once per gateway: owned by the gateway, readable by all, so a
   * sandbox can see them but not change them. Call after {@link #prepare}, which makes the common parent searchable.
   */
  void prepareIdentity(Path workspace, String passwd, String group) throws IOException {
    Path dir = SystemView.identityDirectory(workspace);
    if (identities.contains(dir)) {
      return;
    }
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    write(dir, "passwd", passwd);
    write(dir, "group", group);
    identities.add(dir);
  }

  /** Replaces {@code dir/name} atomically, so a concurrent exec never binds a half-written file. */
  private static void write(Path dir, String name, String content) throws IOException {
    Path next = Files.createTempFile(dir, name, ".new");
    Files.writeString(next, content);
    Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(next, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void own(Path dir, int uid, int gid) throws IOException {
    Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    if (!Integer.valueOf(uid).equals(owner)) {
      Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(dir, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
  }
}

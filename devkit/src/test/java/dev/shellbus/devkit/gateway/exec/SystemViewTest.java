package dev.shellbus.devkit.gateway.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemViewTest {

  @Test
  void onlySystemDirectoriesAndNeededEtcEntriesAreBoundAndMergedUsrStaysSymlinks(@TempDir Path root)
      throws Exception {
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    Files.createDirectories(root.resolve("lib64"));
    for (String privateDir : new String[] {"home/dev", "root", "opt", "work", "var/tmp", "srv", "mnt"}) {
      Files.createDirectories(root.resolve(privateDir));
    }
    Files.createDirectories(root.resolve("etc/ssl/private"));
    Files.createDirectories(root.resolve("etc/ssl/certs"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n");
    Files.writeString(root.resolve("etc/shadow"), "root:secret\n");
    Files.writeString(root.resolve("etc/passwd"), "dev:x:1000:1000::/home/dev:/bin/bash\n");
    Files.createSymbolicLink(root.resolve("etc/resolv.conf"), Path.of("/run/systemd/resolve/missing.conf"));

    String line = String.join(" ", SystemView.hostBinds(root));

    assertThat(line).isEqualTo("--ro-bind " + root.resolve("usr") + " /usr --symlink usr/bin /bin --ro-bind "
        + root.resolve("lib64") + " /lib64 --ro-bind " + root.resolve("etc/hosts") + " /etc/hosts --ro-bind "
        + root.resolve("etc/ssl/certs") + " /etc/ssl/certs --symlink ../proc/self/mounts /etc/mtab");
  }

  @Test
  void passwdAndGroupAreGeneratedInTheIdentityDirectoryNextToTheWorkspaces() {
    Path identity = SystemView.identityDirectory(Path.of("/data/sandboxes/abc"));
    assertThat(identity).isEqualTo(Path.of("/data/sandboxes/.etc"));
    assertThat(String.join(" ", SystemView.generatedBinds(identity))).isEqualTo(
        "--ro-bind /data/sandboxes/.etc/passwd /etc/passwd --ro-bind /data/sandboxes/.etc/group /etc/group");
    assertThat(SystemView.passwd(65534, 65534)).isEqualTo(
        "root:x:0:0:root:/root:/usr/sbin/nologin\nsandbox:x:65534:65534:sandbox:/sandbox:/bin/bash\n");
    assertThat(SystemView.passwd(1000, 1000)).contains("sandbox:x:1000:1000:", "nobody:x:65534:");
    assertThat(SystemView.group(1000)).isEqualTo("root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n");
  }
}

package dev.shellbus.devkit.gateway.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherTest {

  private static ExecTarget target(boolean network) {
    return new TestTarget("id-1", Path.of("/var/tmp/ws"), true, Map.of("SPEC", "1", "HOME", "/custom"), network);
  }

  @Test
  void bubblewrapLineIsUnprivilegedIsolatedAndLimited() {
    ProcessBuilder builder = new Launcher(ExecOptions.defaults(), true).build(target(false), "echo hi", false);
    String line = String.join(" ", builder.command());
    assertThat(line).contains("prlimit --nproc=256 --as=1073741824 --nofile=1024")
        .contains("setpriv --reuid=65534 --regid=65534 --clear-groups --")
        .contains("--bind /var/tmp/ws /sandbox --remount-ro / --chdir /sandbox --unshare-all --die-with-parent"
            + " --new-session --cap-drop ALL -- /bin/bash -lc echo hi")
        .contains("--bind /var/tmp/ws.tmp /tmp").doesNotContain("--tmpfs /tmp").contains("--proc /proc")
        .contains("--dev /dev")
        .doesNotContain("--share-net")
        .contains("--ro-bind /var/tmp/.etc/passwd /etc/passwd").doesNotContain("--ro-bind /etc /etc")
        .doesNotContain("/home").doesNotContain("/root").doesNotContain("/opt");
    assertThat(builder.command()).endsWith("/bin/bash", "-lc", "echo hi");
  }

  @Test
  void everyIsolationStartsInItsOwnSessionThroughSetsid() {
    for (Isolation isolation : List.of(Isolation.BUBBLEWRAP, Isolation.NONE)) {
      ExecOptions options = ExecOptions.builder().isolation(isolation).build();
      List<String> command = new Launcher(options, true).build(target(false), "true", false).command();
      assertThat(command.get(0)).as(isolation.name()).endsWith("setsid");
      assertThat(command.get(1)).as(isolation.name()).isEqualTo("-w");
    }
    List<String> bubblewrap = new Launcher(ExecOptions.defaults(), true).build(target(false), "true", false).command();
    assertThat(bubblewrap.get(2)).endsWith("prlimit");
  }

  @Test
  void networkRulesKeepTheHostNetwork() {
    ProcessBuilder builder = new Launcher(ExecOptions.defaults(), true).build(target(true), "true", false);
    assertThat(builder.command()).contains("--share-net");
  }

  @Test
  void withoutRootNoUidSwitch() {
    ProcessBuilder builder = new Launcher(ExecOptions.defaults(), false).build(target(false), "true", false);
    assertThat(String.join(" ", builder.command())).doesNotContain("setpriv");
  }

  @Test
  void environmentIsClearedThenGatewayVariablesThenSpec() {
    ProcessBuilder builder = new Launcher(ExecOptions.defaults(), true).build(target(false), "true", false);
    assertThat(builder.environment()).containsEntry("OPENSHELL_SANDBOX", "1").containsEntry("USER", "sandbox")
        .containsEntry("SHELL", "/bin/bash").containsEntry("TERM", "dumb").containsEntry("SPEC", "1")
        .containsEntry("HOME", "/custom").containsEntry("PATH", Launcher.PATH).hasSize(7);
  }

  @Test
  void plainProcessesRunInTheWorkspaceAsSessionLeaders() {
    ExecOptions none = ExecOptions.builder().isolation(Isolation.NONE).build();
    ProcessBuilder builder = new Launcher(none, true).build(
        new TestTarget("id", Path.of("/var/tmp/ws"), true, Map.of(), false), "true", true);
    assertThat(builder.command().subList(1, builder.command().size())).isEqualTo(
        List.of("-w", "/bin/bash", "-lc", "true"));
    assertThat(builder.directory()).isEqualTo(Path.of("/var/tmp/ws").toFile());
    assertThat(builder.environment()).containsEntry("HOME", "/var/tmp/ws");
    assertThat(builder.redirectErrorStream()).isTrue();
  }
}

package dev.shellbus.devkit.gateway.exec;

import static dev.shellbus.devkit.gateway.exec.ExecHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Proofs that a bubblewrap exec is a sandbox: read-only host, private writable /sandbox and /tmp (each kept across the
 * sandbox's execs, as in a real sandbox), no network, own pid namespace, unprivileged uid without capabilities,
 * resource limits, and no view of other sandboxes. Workspaces live under /var/tmp here, which (unlike /tmp) the
 * sandbox would otherwise see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecIsolationIT {

  private ExecHarness harness;
  private ExecTarget sandbox;

  @BeforeAll
  void start() throws Exception {
    harness = ExecHarness.start(ExecOptions.defaults(), Path.of("/var/tmp"));
    sandbox = harness.sandbox(false, Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    harness.close();
  }

  private ExecResult sh(ExecTarget target, String script) throws Exception {
    return harness.run(request(target, "bash", "-c", script).build());
  }

  @Test
  void hostFileSystemIsReadOnly() throws Exception {
    ExecResult result = sh(sandbox, "touch /etc/x; touch /usr/x; touch /newfile; mkdir /lib/x; true");
    assertThat(result.err().lines().filter(line -> line.contains("Read-only file system"))).hasSize(4);
  }

  @Test
  void sandboxAndTmpAreWritableAndFilesBelongToTheSandboxUid() throws Exception {
    ExecResult result = sh(sandbox, "echo a > /sandbox/owned && echo b > /tmp/t && cat /sandbox/owned /tmp/t");
    assertThat(result.out()).isEqualTo("a\nb\n");
    Path owned = sandbox.workspace().resolve("owned");
    assertThat(Files.getAttribute(owned, "unix:uid")).isEqualTo(ExecOptions.NOBODY);
  }

  @Test
  void tmpPersistsAcrossTheExecsOfOneSandboxAndIsPrivateToIt() throws Exception {
    ExecTarget own = harness.sandbox(false, Map.of());
    ExecTarget other = harness.sandbox(false, Map.of());
    assertThat(sh(own, "echo 4242 > /tmp/cmd.pid && stat -c '%a %u' /tmp").out()).isEqualTo("1777 65534\n");
    assertThat(sh(own, "cat /tmp/cmd.pid").out()).isEqualTo("4242\n");
    Path hostTmp = ExecTarget.tmpDirectory(own.workspace());
    assertThat(hostTmp.getParent()).isEqualTo(own.workspace().getParent());
    assertThat(Files.readString(hostTmp.resolve("cmd.pid"))).isEqualTo("4242\n");
    assertThat(Files.getAttribute(hostTmp, "unix:uid")).isEqualTo(ExecOptions.NOBODY);
    ExecResult neighbour = sh(other, "ls -A /tmp | wc -l; cat /tmp/cmd.pid 2>/dev/null || echo absent;"
        + " cat " + hostTmp.resolve("cmd.pid") + " 2>/dev/null || echo hidden");
    assertThat(neighbour.out().lines()).containsExactly("0", "absent", "hidden");
    assertThat(sh(other, "echo mine > /tmp/cmd.pid; cat /tmp/cmd.pid").out()).isEqualTo("mine\n");
    assertThat(sh(own, "cat /tmp/cmd.pid").out()).isEqualTo("4242\n");
  }

  @Test
  void commandRunsAsNobodyWithoutCapabilities() throws Exception {
    ExecResult result = sh(sandbox, "id -u; id -g; grep -E '^Cap(Eff|Prm|Bnd)' /proc/self/status");
    assertThat(result.out().lines()).containsExactly("65534", "65534", "CapPrm:\t0000000000000000",
        "CapEff:\t0000000000000000", "CapBnd:\t0000000000000000");
  }

  @Test
  void hostProcessesAreInvisible() throws Exception {
    ExecResult result = sh(sandbox, "ls /proc | grep -c '^[0-9]'");
    assertThat(Integer.parseInt(result.out().trim())).isLessThanOrEqualTo(6);
  }

  @Test
  void thereIsNoNetworkWithoutPolicyRules() throws Exception {
    ExecResult interfaces = sh(sandbox, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
    assertThat(interfaces.out().lines()).containsExactly("lo");
    int gatewayPort = harness.address.port();
    ExecResult outside = sh(sandbox, "timeout 3 bash -c 'exec 3<>/dev/tcp/1.1.1.1/53' || echo outside-failed;"
        + " timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + gatewayPort + "' || echo host-loopback-failed");
    assertThat(outside.out()).contains("outside-failed", "host-loopback-failed");
  }

  @Test
  void networkRulesShareTheHostNetwork() throws Exception {
    ExecTarget networked = harness.sandbox(true, Map.of());
    ExecResult result = sh(networked, "timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + harness.address.port()
        + "' && echo connected");
    assertThat(result.out()).isEqualTo("connected\n");
  }

  @Test
  void resourceLimitsApply() throws Exception {
    ExecResult result = sh(sandbox, "ulimit -u; ulimit -n; ulimit -v");
    assertThat(result.out().lines()).containsExactly("256", "1024", "1048576");
  }

  @Test
  void otherSandboxesAndPrivateHostDirectoriesAreInvisible() throws Exception {
    ExecTarget neighbour = harness.sandbox(false, Map.of());
    harness.run(request(neighbour, "bash", "-c", "echo secret > /sandbox/secret").build());
    ExecResult result = sh(sandbox, "cat " + neighbour.workspace().resolve("secret") + " || echo hidden;"
        + " ls " + harness.root + " | wc -l; ls /root 2>/dev/null || echo no-root");
    assertThat(result.out().lines()).containsExactly("hidden", "0", "no-root");
  }
}

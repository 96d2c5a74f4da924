package dev.shellbus.devkit.gateway.exec;

import static dev.shellbus.devkit.gateway.exec.ExecHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Proofs that a bubblewrap sandbox sees only a minimal read-only system (programs, libraries, a small {@code /etc})
 * and its own {@code /sandbox} and {@code /tmp}: no host home, {@code /root}, {@code /opt}, checkout, data directory,
 * nor the sandboxes of another gateway on the same host, while everyday commands still work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecSystemViewIT {

  private ExecHarness gateway;
  private ExecHarness otherGateway;
  private ExecTarget sandbox;

  @BeforeAll
  void start() throws Exception {
    gateway = ExecHarness.start(ExecOptions.defaults(), Path.of("/var/tmp"));
    // The other gateway keeps its workspaces inside the checkout, as `shellbus dev` once did by default.
    otherGateway = ExecHarness.start(ExecOptions.defaults(), Files.createDirectories(Path.of("target").toAbsolutePath()));
    sandbox = gateway.sandbox(false, Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    gateway.close();
    otherGateway.close();
  }

  private ExecResult sh(ExecHarness harness, ExecTarget target, String script) throws Exception {
    return harness.run(request(target, "bash", "-c", script).build());
  }

  @Test
  void rootHoldsOnlyTheSystemViewAndTheSandboxsOwnDirectories() throws Exception {
    List<String> expected = new ArrayList<>(List.of("dev", "etc", "proc", "sandbox", "tmp"));
    for (String entry : SystemView.ROOT_ENTRIES) {
      if (Files.exists(Path.of("/", entry), LinkOption.NOFOLLOW_LINKS)) {
        expected.add(entry);
      }
    }
    assertThat(sh(gateway, sandbox, "ls -A /").out().lines()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void hostPrivateDirectoriesTheCheckoutAndTheDataDirectoryAreInvisible() throws Exception {
    List<String> hidden = List.of("/home", "/root", "/opt", "/srv", "/mnt", "/work", "/var",
        gateway.root.toString(), otherGateway.root.toString(), Path.of("").toAbsolutePath().toString());
    ExecResult result = sh(gateway, sandbox, "for p in " + String.join(" ", hidden) + "; do"
        + " if ls -A \"$p\" >/dev/null 2>&1; then echo \"visible $p\"; else echo \"hidden $p\"; fi; done");
    assertThat(result.out().lines()).containsExactlyElementsOf(hidden.stream().map(p -> "hidden " + p).toList());
  }

  @Test
  void anotherGatewaysLiveSandboxIsInvisible() throws Exception {
    ExecTarget neighbour = otherGateway.sandbox(false, Map.of());
    assertThat(sh(otherGateway, neighbour, "echo s3cret > /sandbox/secret && cat /sandbox/secret").out())
        .isEqualTo("s3cret\n");
    ExecResult result = sh(gateway, sandbox, "cat " + neighbour.workspace().resolve("secret") + " || echo hidden");
    assertThat(result.out()).isEqualTo("hidden\n");
  }

  @Test
  void etcIsSmallAndNamesTheSandboxUser() throws Exception {
    ExecResult result = sh(gateway, sandbox, "id -un; cat /etc/shadow 2>/dev/null || echo no-shadow;"
        + " cut -d: -f1 /etc/passwd | sort | tr '\\n' ' '; echo; ls /etc/apt /etc/ssh 2>/dev/null || echo no-apt-ssh");
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("sandbox");
    assertThat(lines.get(1)).isEqualTo("no-shadow");
    assertThat(lines.get(2)).as("no host user is named").matches("(nobody )?root sandbox ");
    assertThat(lines.get(3)).isEqualTo("no-apt-ssh");
  }

  @Test
  void commonCommandsStillWork() throws Exception {
    ExecResult result = sh(gateway, sandbox, "/usr/bin/env | grep -c '^OPENSHELL_SANDBOX=1$'; sh -c 'echo hi';"
        + " echo data > /sandbox/f && cat /sandbox/f && sha256sum /sandbox/f | cut -c1-16;"
        + " tar -C /sandbox -cf /tmp/f.tar f && tar -tf /tmp/f.tar; ls /usr/bin/env; echo x y | awk '{print $2}';"
        + " getent hosts localhost >/dev/null && echo resolves");
    assertThat(result.err()).isEmpty();
    assertThat(result.out().lines()).containsExactly("1", "hi", "data", "6667b2d1aab6a00c", "f", "/usr/bin/env", "y",
        "resolves");
  }

  @Test
  void pythonRunsWhenTheHostHasIt() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")));
    ExecResult result = sh(gateway, sandbox, "python3 -c 'import ssl, json; print(json.dumps(6 * 7))'");
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo("42\n");
  }

  @Test
  void tmpIsWritableAndNotSharedBetweenSandboxes() throws Exception {
    ExecTarget first = gateway.sandbox(false, Map.of());
    ExecTarget second = gateway.sandbox(false, Map.of());
    assertThat(sh(gateway, first, "echo one > /tmp/mine && cat /tmp/mine").out()).isEqualTo("one\n");
    assertThat(sh(gateway, second, "cat /tmp/mine 2>/dev/null || echo absent").out()).isEqualTo("absent\n");
  }
}

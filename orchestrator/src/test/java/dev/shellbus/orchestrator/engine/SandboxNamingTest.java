package dev.shellbus.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxNamingTest {
  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  @Test
  void namesAreDeterministicDnsLabelsOfAtMost19Characters() {
    Set<String> names = new HashSet<>();
    for (int attempt : new int[] {1, 9, 99, 999, 99999}) {
      String name = SandboxNaming.jobName("acme", "req-1", attempt);
      assertThat(name).hasSizeLessThanOrEqualTo(19).matches(DNS_LABEL).doesNotContain("--").endsWith("-" + attempt);
      assertThat(SandboxNaming.jobName("acme", "req-1", attempt)).isEqualTo(name);
      names.add(name);
    }
    assertThat(names).hasSize(5);
    assertThat(SandboxNaming.jobName("acme", "req-1", 1)).hasSize(17).startsWith("sj-");
    assertThat(SandboxNaming.sessionName("acme", "req-1", 1)).startsWith("ss-")
        .isNotEqualTo(SandboxNaming.jobName("acme", "req-1", 1));
    assertThat(SandboxNaming.jobName("other", "req-1", 1)).isNotEqualTo(SandboxNaming.jobName("acme", "req-1", 1));
  }

  @Test
  void labelValuesAreKeptWhenValidAndHashedOtherwise() {
    assertThat(SandboxNaming.labelValue("req-1.a_b")).isEqualTo("req-1.a_b");
    String odd = SandboxNaming.labelValue("session/with spaces:" + "x".repeat(80));
    assertThat(odd).hasSizeLessThanOrEqualTo(63).matches("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    assertThat(SandboxNaming.labelValue("a/b")).isNotEqualTo(SandboxNaming.labelValue("a:b"));
    assertThat(SandboxNaming.labelValue("///")).hasSize(12);
  }
}

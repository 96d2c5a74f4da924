package dev.shellbus.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Avro 1.12.2's trusted-class check passes in a fresh JVM without flags and without calling AvroTrust. */
class TrustWithoutFlagsTest {

  @Test
  void generatedClassesDecodeAndCopyInAFreshJvmWithoutFlags() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process probe = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        TrustProbe.class.getName())
        .redirectErrorStream(true)
        .start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(probe.exitValue()).as(output).isZero();
    assertThat(output).doesNotContain("Forbidden");
  }
}

package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.events.serde.EventDeserializer;
import dev.shellbus.events.serde.EventSerializer;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.v1.Step;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TailLineTest {

  private final EventDeserializer<SandboxRequest> decoder = new EventDeserializer<>(SandboxRequest.class);

  @Test
  void printsDecodedRecordsAsCompactJsonWithShortBytes() {
    Exec exec = Exec.newBuilder().setSessionId("s1").setArgv(List.of("cat"))
        .setStdin(ByteBuffer.wrap("x".repeat(500).getBytes(StandardCharsets.UTF_8))).build();
    SandboxRequest request = SandboxRequest.newBuilder().setRequestId("r1").setTenant("t").setPrincipal("p")
        .setCreatedAt(Instant.parse("2030-01-01T00:00:00Z")).setDeadline(Instant.parse("2030-01-01T00:01:00Z"))
        .setLabels(Map.of()).setBody(exec).build();
    byte[] bytes = new EventSerializer<>(SandboxRequest.class).encode(request);
    String line = TailCommand.line(decoder, new ConsumerRecord<>("shellbus.requests", 0, 7, "s1", bytes));
    assertThat(line).doesNotContain("\n").startsWith("{\"request_id\":\"r1\"")
        .contains("\"created_at\":\"2030-01-01T00:00:00Z\"").contains("...<500 bytes>").hasSizeLessThan(400);
  }

  @Test
  void requestsPrintSecretEnvValuesMasked() {
    String token = "tok-4f9a1c77e2";
    String password = "pw-b81d03";
    Step step = Step.newBuilder().setName("deploy").setArgv(List.of("deploy", "--token=" + token))
        .setEnv(Map.of("TOKEN", token, "PLAIN", "visible-value")).setSecretEnvKeys(List.of("TOKEN"))
        .setStdin(ByteBuffer.wrap(("login " + password + "\n").getBytes(StandardCharsets.UTF_8))).build();
    SandboxSpec spec = SandboxSpec.newBuilder().setImage("busybox")
        .setEnv(Map.of("DB_PASSWORD", password, "REGION", "eu-west")).setSecretEnvKeys(List.of("DB_PASSWORD")).build();
    SandboxRequest request = SandboxRequest.newBuilder().setRequestId("r2").setTenant("t").setPrincipal("p")
        .setCreatedAt(Instant.parse("2030-01-01T00:00:00Z")).setDeadline(Instant.parse("2030-01-01T00:01:00Z"))
        .setLabels(Map.of()).setBody(RunJob.newBuilder().setSpec(spec).setSteps(List.of(step)).build()).build();
    byte[] bytes = new EventSerializer<>(SandboxRequest.class).encode(request);

    String line = TailCommand.line(decoder, new ConsumerRecord<>("shellbus.requests", 0, 8, "r2", bytes));

    assertThat(line).doesNotContain(token).doesNotContain(password)
        .contains("\"TOKEN\":\"***REDACTED***\"").contains("\"DB_PASSWORD\":\"***REDACTED***\"")
        .contains("--token=***REDACTED***").contains("login ***REDACTED***")
        .contains("\"PLAIN\":\"visible-value\"").contains("\"REGION\":\"eu-west\"");
  }

  @Test
  void printsAnErrorLineForUndecodableRecords() {
    String line = TailCommand.line(decoder, new ConsumerRecord<>("shellbus.requests", 1, 9, "k", new byte[] {1, 2, 3}));
    assertThat(line).startsWith("{\"error\":\"WRONG_MAGIC\"").contains("\"partition\":1,\"offset\":9");
  }
}

package dev.shellbus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.InlineContent;
import dev.shellbus.events.v1.NamedPolicy;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestYamlTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  private SandboxRequest convert(String yaml) throws Exception {
    JsonNode tree = YAML.readTree(yaml);
    return new RequestYaml(Clock.fixed(NOW, ZoneOffset.UTC)).convert(tree, dir);
  }

  private static String message(String yaml) {
    try {
      new RequestYaml(Clock.fixed(NOW, ZoneOffset.UTC)).convert(YAML.readTree(yaml), Path.of("."));
    } catch (ConversionException e) {
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("converted: " + yaml);
  }

  @Test
  void fillsEnvelopeDefaultsAndSchemaDefaults() throws Exception {
    SandboxRequest r = convert("deadline: 10m\nbody: {RunJob: {spec: {}, steps: [{name: a, argv: [echo, hi]}]}}");
    assertThat(r.getRequestId()).matches("r-[0-9a-f-]{36}");
    assertThat(r.getTenant()).isEqualTo("default");
    assertThat(r.getPrincipal()).isEqualTo(System.getProperty("user.name"));
    assertThat(r.getCreatedAt()).isEqualTo(NOW);
    assertThat(r.getDeadline()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    assertThat(r.getLabels()).isEmpty();
    RunJob job = (RunJob) r.getBody();
    assertThat(job.getKeepSandbox()).isFalse();
    assertThat(job.getInputs()).isEmpty();
    assertThat(job.getSpec().getImage()).isNull();
    assertThat(job.getSteps().get(0).getTimeoutSeconds()).isZero();
    assertThat(job.getSteps().get(0).getArgv()).containsExactly("echo", "hi");
  }

  @Test
  void deadlineForms() throws Exception {
    String body = "\nbody: {CloseSession: {session_id: s1}}";
    assertThat(convert("deadline: 90s" + body).getDeadline()).isEqualTo(NOW.plusSeconds(90));
    assertThat(convert("deadline: PT5M" + body).getDeadline()).isEqualTo(NOW.plusSeconds(300));
    assertThat(convert("deadline: 1h30m" + body).getDeadline()).isEqualTo(NOW.plusSeconds(5400));
    assertThat(convert("deadline: 2030-01-02T00:00:00Z" + body).getDeadline())
        .isEqualTo(Instant.parse("2030-01-02T00:00:00Z"));
    assertThat(convert("deadline: 1900000000000" + body).getDeadline()).isEqualTo(Instant.ofEpochMilli(1900000000000L));
    assertThat(message("deadline: soon" + body)).startsWith("deadline: expected an ISO-8601 time");
  }

  @Test
  void keepsExplicitEnvelope() throws Exception {
    SandboxRequest r = convert("request_id: my-id\ntenant: t1\nprincipal: bob\ncreated_at: 2029-12-31T23:00:00Z\n"
        + "deadline: 2030-01-01T01:00:00+01:00\nlabels: {team: a}\ntrace: {traceparent: x}\n"
        + "body: {Cancel: {target_request_id: other}}");
    assertThat(r.getRequestId()).isEqualTo("my-id");
    assertThat(r.getTenant()).isEqualTo("t1");
    assertThat(r.getPrincipal()).isEqualTo("bob");
    assertThat(r.getCreatedAt()).isEqualTo(Instant.parse("2029-12-31T23:00:00Z"));
    assertThat(r.getDeadline()).isEqualTo(NOW);
    assertThat(r.getLabels()).containsEntry("team", "a");
    assertThat(r.getTrace().getTraceparent()).isEqualTo("x");
  }

  @Test
  void unionsByNameOrFirstBranchThatConverts() throws Exception {
    SandboxRequest named = convert("deadline: 1m\nbody: {RunJob: {spec: {policy: {NamedPolicy: {name: strict}}},"
        + " steps: [{name: a, argv: [x]}]}}");
    assertThat(((RunJob) named.getBody()).getSpec().getPolicy()).isEqualTo(new NamedPolicy("strict"));
    SandboxRequest unnamed = convert("deadline: 1m\nbody: {RunJob: {spec: {policy: {name: strict}, gpu_count: 2},"
        + " steps: [{name: a, argv: [x]}]}}");
    assertThat(((RunJob) unnamed.getBody()).getSpec().getPolicy()).isEqualTo(new NamedPolicy("strict"));
    assertThat(((RunJob) unnamed.getBody()).getSpec().getGpuCount()).isEqualTo(2);
    SandboxRequest exec = convert("deadline: 1m\nbody: {session_id: s1, argv: [ls]}");
    assertThat(exec.getBody()).isInstanceOf(Exec.class);
  }

  @Test
  void bytesForms() throws Exception {
    Files.writeString(dir.resolve("in.txt"), "from file");
    SandboxRequest r = convert("deadline: 1m\nbody: {RunJob: {spec: {}, steps: [{name: a, argv: [cat]}], inputs: ["
        + "{path: /sandbox/a, source: {InlineContent: {data: plain text}}},"
        + "{path: /sandbox/b, mode: 0755, source: {InlineContent: {data: {base64: aGk=}}}},"
        + "{path: /sandbox/c, source: {InlineContent: {data: {file: in.txt}}}},"
        + "{path: /sandbox/d, source: {ObjectRef: {uri: 's3://b/k'}}}]}}");
    RunJob job = (RunJob) r.getBody();
    assertThat(text(job, 0)).isEqualTo("plain text");
    assertThat(text(job, 1)).isEqualTo("hi");
    assertThat(text(job, 2)).isEqualTo("from file");
    assertThat(job.getInputs().get(1).getMode()).isEqualTo(0755);
    assertThat(message("deadline: 1m\nbody: {Exec: {session_id: s, argv: [x], stdin: {file: /no/such/file}}}"))
        .startsWith("body.Exec.stdin.file: cannot read");
    assertThat(message("deadline: 1m\nbody: {Exec: {session_id: s, argv: [x], stdin: {base64: '%%%'}}}"))
        .startsWith("body.Exec.stdin.base64: not base64");
  }

  @Test
  void aMissingDeadlineIsTenMinutesAndAMissingSpecTheGatewaysDefault() throws Exception {
    SandboxRequest job = convert("body: {RunJob: {steps: [{name: a, argv: [echo, hi]}]}}");
    assertThat(job.getDeadline()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    assertThat(((RunJob) job.getBody()).getSpec()).isNotNull();
    SandboxRequest open = convert("body: {OpenSession: {session_id: s}}");
    assertThat(((OpenSession) open.getBody()).getSpec()).isNotNull();
    SandboxRequest close = convert("body: {CloseSession: {session_id: s}}");
    assertThat(close.getDeadline()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
  }

  @Test
  void errorsNameThePath() {
    assertThat(message("deadline: 1m\nbody: {RunJob: {spec: {}, steps: [{name: a, argv: [x]}, {name: b}]}}"))
        .isEqualTo("body.RunJob.steps[1].argv: required");
    assertThat(message("deadline: 1m\nbody: {RunJob: {spec: {}, steps: [{name: a, argv: [x], timeout: 3}]}}"))
        .startsWith("body.RunJob.steps[0].timeout: unknown field of Step");
    assertThat(message("deadline: 1m\nbody: {Exec: {session_id: s, argv: [x], timeout_seconds: soon}}"))
        .startsWith("body.Exec.timeout_seconds: expected an integer");
    assertThat(message("deadline: 1m\nbody: {CloseSession: {session_id: s, store_snapshot: maybe}}"))
        .startsWith("body.CloseSession.store_snapshot: expected true or false");
    assertThat(message("deadline: 1m")).startsWith("body: required, one of [RunJob, OpenSession");
    assertThat(message("deadline: 1m\nbody: {nothing: here}")).startsWith("body: matches none of [RunJob");
    assertThat(message("- a list")).startsWith("(root): expected a map");
  }

  private static String text(RunJob job, int input) {
    InlineContent content = (InlineContent) job.getInputs().get(input).getSource();
    return StandardCharsets.UTF_8.decode(content.getData().duplicate()).toString();
  }
}

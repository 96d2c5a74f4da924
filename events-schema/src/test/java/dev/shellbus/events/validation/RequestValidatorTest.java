package dev.shellbus.events.validation;

import static dev.shellbus.events.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.shellbus.events.ErrorCode;
import dev.shellbus.events.Fixtures;
import dev.shellbus.events.v1.Cancel;
import dev.shellbus.events.v1.EncodedPolicy;
import dev.shellbus.events.v1.Exec;
import dev.shellbus.events.v1.GetFiles;
import dev.shellbus.events.v1.Input;
import dev.shellbus.events.v1.ObjectRef;
import dev.shellbus.events.v1.OpenSession;
import dev.shellbus.events.v1.PutFiles;
import dev.shellbus.events.v1.RunJob;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxSpec;
import dev.shellbus.events.v1.Step;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

  private final RequestValidator validator = new RequestValidator(Clock.fixed(NOW, ZoneOffset.UTC));

  private List<Violation> violations(SandboxRequest request) {
    return validator.validate(request);
  }

  private static SandboxRequest job(RunJob.Builder job) {
    return Fixtures.request(job.build());
  }

  @Test
  void everyFixtureBodyIsValid() {
    for (SandboxRequest request : Fixtures.requestsOfEveryBody()) {
      assertThat(violations(request)).as(request.getBody().getClass().getSimpleName()).isEmpty();
    }
  }

  @Test
  void requestPastItsDeadlineIsRejectedAsDeadlineExceeded() {
    SandboxRequest late = SandboxRequest.newBuilder(Fixtures.request())
        .setCreatedAt(NOW.minusSeconds(600)).setDeadline(NOW).build();
    assertThat(violations(late)).containsExactly(
        new Violation("deadline", ErrorCode.DEADLINE_EXCEEDED, "passed before the request was accepted"));
  }

  @Test
  void deadlineBeforeCreationIsInvalid() {
    SandboxRequest odd = SandboxRequest.newBuilder(Fixtures.request()).setDeadline(NOW.minusSeconds(1)).build();
    assertThat(violations(odd)).extracting(Violation::field, Violation::code)
        .containsExactly(tuple("deadline", ErrorCode.INVALID_REQUEST));
  }

  @Test
  void exactlyOneKnownBodyIsRequired() {
    SandboxRequest none = Fixtures.request();
    none.setBody(null);
    SandboxRequest wrong = Fixtures.request();
    wrong.setBody(Fixtures.step("x", "true"));

    assertThat(violations(none)).extracting(Violation::message).containsExactly("exactly one body is required");
    assertThat(violations(wrong)).extracting(Violation::message).containsExactly("unknown body type Step");
  }

  @Test
  void idsMustBeLabelValues() {
    SandboxRequest bad = SandboxRequest.newBuilder(Fixtures.request())
        .setRequestId("has space").setTenant("t".repeat(64)).setPrincipal("").build();
    assertThat(violations(bad)).extracting(Violation::field).containsExactly("request_id", "tenant", "principal");
  }

  @Test
  void envRulesFollowTheOpenShellContract() {
    Step step = Step.newBuilder(Fixtures.step("s", "env"))
        .setEnv(new TreeMap<>(Map.of(
            "1BAD", "v", "OPENSHELL_TOKEN", "v", "NL", "line1\nsecret-line2", "BIG", "x".repeat(32 * 1024 + 1))))
        .setSecretEnvKeys(List.of("MISSING")).build();

    List<Violation> found = violations(job(RunJob.newBuilder(Fixtures.job()).setSteps(List.of(step))));

    assertThat(found).extracting(Violation::field, Violation::code).containsExactly(
        tuple("body.steps[0].env[1BAD]", ErrorCode.INVALID_REQUEST),
        tuple("body.steps[0].env[BIG]", ErrorCode.PAYLOAD_TOO_LARGE),
        tuple("body.steps[0].env[NL]", ErrorCode.INVALID_REQUEST),
        tuple("body.steps[0].env[OPENSHELL_TOKEN]", ErrorCode.INVALID_REQUEST),
        tuple("body.steps[0].secret_env_keys[0]", ErrorCode.INVALID_REQUEST));
    assertThat(found).extracting(Violation::message).noneMatch(m -> m.contains("secret-line2"));
  }

  @Test
  void argvLimitsAndTheAssembledCommandAreEnforced() {
    List<String> tooMany = Collections.nCopies(1025, "a");
    List<String> nine = Collections.nCopies(9, "'".repeat(8 * 1024));
    Step[] steps = {
        Step.newBuilder(Fixtures.step("empty")).build(),
        Step.newBuilder(Fixtures.step("many")).setArgv(tooMany).build(),
        Fixtures.step("long", "x".repeat(32 * 1024 + 1)),
        Fixtures.step("nul", "a\0b"),
        Step.newBuilder(Fixtures.step("quoted")).setArgv(nine).build()};

    List<Violation> found = violations(job(RunJob.newBuilder(Fixtures.job()).setSteps(List.of(steps))));

    assertThat(found).extracting(Violation::field).containsExactly(
        "body.steps[0].argv", "body.steps[1].argv", "body.steps[2].argv[0]", "body.steps[3].argv[0]", "body.steps[4]");
    assertThat(found.get(4).message()).contains("bytes of assembled command");
  }

  @Test
  void inlinePayloadsAreBoundedEachAndInTotal() {
    RunJob.Builder big = RunJob.newBuilder(Fixtures.job()).setInputs(List.of(
        Fixtures.inline("/sandbox/a", "a".repeat(500 * 1024)), Fixtures.inline("/sandbox/b", "b".repeat(500 * 1024))));
    RunJob.Builder huge = RunJob.newBuilder(Fixtures.job())
        .setInputs(List.of(Fixtures.inline("/sandbox/a", "a".repeat(900 * 1024 + 1))));

    assertThat(violations(job(big))).extracting(Violation::field, Violation::code)
        .containsExactly(tuple("body", ErrorCode.PAYLOAD_TOO_LARGE));
    assertThat(validator.withMaxInlineTotalBytes(Limits.MAX_INLINE_TOTAL_BYTES).validate(job(big))).isEmpty();
    assertThat(violations(job(huge))).extracting(Violation::field)
        .containsExactly("body.inputs[0].source.data", "body");
    assertThatThrownBy(() -> validator.withMaxInlineTotalBytes(Limits.MAX_INLINE_TOTAL_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stdinOverTheGatewayBudgetIsTooLarge() {
    SandboxRequest exec = Fixtures.execRequest();
    ((Exec) exec.getBody()).setStdin(ByteBuffer.allocate(Limits.MAX_STDIN_BYTES + 1));
    assertThat(violations(exec)).extracting(Violation::field).contains("body.stdin");
  }

  @Test
  void inputsNeedConfinedUniqueFilePathsSaneModesAndWellFormedSources() {
    PutFiles put = new PutFiles("sess-1", List.of(
        Fixtures.inline("/etc/passwd", "x"),
        Fixtures.inline("/sandbox/a", "x"),
        Fixtures.inline("/sandbox//a/", "x"),
        Fixtures.inline("/sandbox", "x"),
        Input.newBuilder(Fixtures.inline("/tmp/m", "x")).setMode(04755).build(),
        Fixtures.object("/tmp/o", "https://bucket/key"),
        Input.newBuilder(Fixtures.object("/tmp/p", "s3://bucket/key"))
            .setSource(new ObjectRef("s3://bucket/key", "A".repeat(64))).build()));

    assertThat(violations(Fixtures.request(put))).extracting(Violation::field, Violation::code).containsExactly(
        tuple("body.inputs[0].path", ErrorCode.INVALID_PATH),
        tuple("body.inputs[2].path", ErrorCode.INVALID_REQUEST),
        tuple("body.inputs[3].path", ErrorCode.INVALID_PATH),
        tuple("body.inputs[4].mode", ErrorCode.INVALID_REQUEST),
        tuple("body.inputs[5].source.uri", ErrorCode.INVALID_REQUEST),
        tuple("body.inputs[6].source.sha256", ErrorCode.INVALID_REQUEST));
  }

  @Test
  void sandboxSpecMirrorsGatewayRules() {
    SandboxSpec spec = SandboxSpec.newBuilder(Fixtures.spec())
        .setImage("bad image").setGpuCount(0).setDriverConfig("[]")
        .setLabels(Map.of("shellbus.dev/managed", "true"))
        .setPolicy(new EncodedPolicy(ByteBuffer.allocate(0)))
        .setProviders(Collections.nCopies(33, "p")).build();

    assertThat(violations(job(RunJob.newBuilder(Fixtures.job()).setSpec(spec)))).extracting(Violation::field)
        .containsExactly("body.spec.image", "body.spec.policy.protobuf", "body.spec.providers", "body.spec.gpu_count",
            "body.spec.driver_config", "body.spec.labels[shellbus.dev/managed]");
  }

  @Test
  void stepsAreBoundedNamedAndUnique() {
    List<Step> dup = List.of(Fixtures.step("a", "true"), Fixtures.step("a", "true"), Fixtures.step("-x", "true"));
    assertThat(violations(job(RunJob.newBuilder(Fixtures.job()).setSteps(dup)))).extracting(Violation::field)
        .containsExactly("body.steps[1].name", "body.steps[2].name");
    assertThat(violations(job(RunJob.newBuilder(Fixtures.job()).setSteps(List.of())))).extracting(Violation::field)
        .containsExactly("body.steps");
    List<Step> many = Collections.nCopies(Limits.MAX_STEPS + 1, Fixtures.step("s", "true"));
    assertThat(violations(job(RunJob.newBuilder(Fixtures.job()).setSteps(many)))).extracting(Violation::code)
        .containsExactly(ErrorCode.PAYLOAD_TOO_LARGE);
  }

  @Test
  void sessionBodiesCheckTheirOwnFields() {
    OpenSession open = OpenSession.newBuilder().setSessionId("s").setSpec(Fixtures.spec()).setIdleTtlSeconds(5)
        .setRestoreSnapshotUri("s3://x/y").build();
    assertThat(violations(Fixtures.request(open))).extracting(Violation::field)
        .containsExactly("body.idle_ttl_seconds", "body.restore_snapshot_uri");
    assertThat(violations(Fixtures.request(new GetFiles("sess-1", List.of())))).extracting(Violation::field)
        .containsExactly("body.paths");
    assertThat(violations(Fixtures.request(new GetFiles("sess-1", List.of("/sandbox/a", "/sandbox/./a")))))
        .extracting(Violation::message).containsExactly("listed twice");
    assertThat(violations(Fixtures.request(new Cancel("req-1", "x".repeat(1025))))).extracting(Violation::field)
        .containsExactly("body.target_request_id", "body.reason");
  }
}

package dev.shellbus.devkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.DeleteSandboxRequest;
import dev.shellbus.gateway.v1.ExecSandboxRequest;
import dev.shellbus.gateway.v1.GetSandboxRequest;
import dev.shellbus.gateway.v1.ObjectMeta;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxCondition;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.SandboxStatus;
import dev.shellbus.gateway.v1.WatchSandboxRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CreateSandbox, its validations, WatchSandbox to READY, GetSandbox and DeleteSandbox (contract 4.2 to 4.5, 4.9). */
@GatewayConformance
class SandboxLifecycleConformanceIT {

  private static final Pattern UUID_V4 =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Duration REMOVAL = Duration.ofSeconds(60);

  private ConformanceGateway gateway;
  private GatewayCalls calls;
  private SandboxTracker sandboxes;

  @BeforeAll
  void setUp(ConformanceGateway gateway) {
    this.gateway = gateway;
    this.calls = gateway.calls();
    this.sandboxes = gateway.tracker("lc");
  }

  @AfterAll
  void deleteSandboxes() {
    sandboxes.close();
  }

  @Test
  void createAnswersProvisioningWithAnIdTheLabelsAndTheDefaults() {
    CreateSandboxRequest.Builder request = sandboxes.request().putLabels("conformance-case", "create");

    Sandbox created = sandboxes.create(request);

    ObjectMeta meta = created.getMetadata();
    assertThat(created.getStatus()).as("status holds only the phase")
        .isEqualTo(SandboxStatus.newBuilder().setPhase(SandboxPhase.SANDBOX_PHASE_PROVISIONING).build());
    assertThat(meta.getId()).matches(UUID_V4);
    assertThat(meta.getName()).isEqualTo(request.getName());
    assertThat(meta.getLabelsMap()).containsAllEntriesOf(request.getLabelsMap());
    assertThat(meta.getResourceVersion()).isPositive();
    assertThat(meta.getCreatedAtMs()).isPositive();
    assertThat(meta.getWorkspace()).isEqualTo(expectedWorkspace());
    assertThat(created.getSpec().getTemplate().getImage()).as("an empty image is filled with the driver default")
        .isNotEmpty();
    assertThat(created.getSpec().getCommandList()).as("an empty command becomes the login shell")
        .containsExactly("/bin/bash", "-l");
    assertThat(created.getSpec().getTty()).isTrue();
    assertThat(sandboxes.get(meta.getName()).getMetadata().getId()).isEqualTo(meta.getId());
  }

  @Test
  void createWithoutANameGetsAGeneratedDnsLabel() {
    Sandbox created = sandboxes.create(sandboxes.request("").putLabels("conformance-case", "generated-name"));

    assertThat(created.getMetadata().getName()).hasSizeLessThanOrEqualTo(19).matches(DNS_LABEL);
  }

  @Test
  void aNameOfNineteenCharactersIsAccepted() {
    String name = sandboxes.name();
    String nineteen = name + "x".repeat(19 - name.length());

    assertThat(sandboxes.create(sandboxes.request(nineteen)).getMetadata().getName()).isEqualTo(nineteen);
  }

  @Test
  void aNameLongerThanNineteenCharactersIsInvalid() {
    String name = sandboxes.name();
    String twenty = name + "x".repeat(20 - name.length());

    assertInvalidCreate(sandboxes.request(twenty).build());
  }

  /** Each shape is at most 19 characters once the run id (6) fills {@code %s}, so only the DNS rule can refuse it. */
  @ParameterizedTest(name = "''{0}'' is not a DNS label")
  @ValueSource(strings = {"Cf%s", "cf_%s", "-cf%s", "cf%s-", "cf--%s", "cf.%s", "cf %s"})
  void aNameThatIsNotADnsLabelIsInvalid(String shape) {
    String name = String.format(shape, sandboxes.runId());

    assertThat(name).hasSizeLessThanOrEqualTo(19);
    assertInvalidCreate(sandboxes.request(name).build());
  }

  @Test
  void aMissingSpecIsInvalid() {
    CreateSandboxRequest request = sandboxes.request().clearSpec().build();

    assertThat(request.hasSpec()).isFalse();
    assertInvalidCreate(request);
    assertNotFound(request.getName());
  }

  @Test
  void aDuplicateNameIsAlreadyExists() {
    Sandbox first = sandboxes.create(sandboxes.request());
    String name = first.getMetadata().getName();

    RpcStatusException duplicate = sandboxes.createFailure(sandboxes.request(name).build());

    assertThat(duplicate.status()).as(duplicate.getMessage()).isEqualTo(GrpcStatus.ALREADY_EXISTS);
    assertThat(sandboxes.get(name).getMetadata().getId()).as("the first sandbox is untouched")
        .isEqualTo(first.getMetadata().getId());
  }

  @Test
  void anUnknownProviderIsFailedPrecondition() {
    CreateSandboxRequest.Builder request = sandboxes.request();
    request.getSpecBuilder().addProviders("conformance-no-such-provider-" + UUID.randomUUID());

    RpcStatusException failure = sandboxes.createFailure(request.build());

    assertThat(failure.status()).as(failure.getMessage()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertNotFound(request.getName());
  }

  @Test
  void watchSendsASnapshotFirstAndFollowsToReadyWithTheReadyCondition() {
    Sandbox created = sandboxes.create(sandboxes.request());
    String id = created.getMetadata().getId();

    try (WatchStream watch = calls.watch(WatchSandboxRequest.newBuilder().setId(id).setFollowStatus(true).build(),
        readyTimeout().plusSeconds(30))) {
      Sandbox ready = watch.awaitSnapshot("a READY snapshot",
          sandbox -> sandbox.getStatus().getPhase() == SandboxPhase.SANDBOX_PHASE_READY, readyTimeout());

      assertThat(watch.events().get(0).hasSandbox()).as("the first event is a snapshot").isTrue();
      assertThat(watch.snapshots()).allSatisfy(snapshot -> assertThat(snapshot.getMetadata().getId()).isEqualTo(id));
      List<SandboxCondition> readyConditions = ready.getStatus().getConditionsList().stream()
          .filter(condition -> condition.getType().equals("Ready")).toList();
      assertThat(readyConditions).as("one Ready condition").hasSize(1);
      assertThat(readyConditions.get(0).getStatus()).isEqualTo("True");
      assertThat(readyConditions.get(0).getReason()).isEqualTo("DependenciesReady");
      assertThat(sandboxes.get(created.getMetadata().getName()).getStatus().getPhase())
          .isEqualTo(SandboxPhase.SANDBOX_PHASE_READY);
    }
  }

  @Test
  void watchWithStopOnTerminalEndsOnceReady() {
    Sandbox ready = sandboxes.createReady(sandboxes.request());

    try (WatchStream watch = calls.watch(WatchSandboxRequest.newBuilder().setId(ready.getMetadata().getId())
        .setFollowStatus(true).setStopOnTerminal(true).build(), Duration.ofSeconds(60))) {
      assertThat(watch.awaitEnd(Duration.ofSeconds(30))).as(watch.describeEnd()).contains(GrpcStatus.OK);
      assertThat(watch.snapshots()).isNotEmpty().last()
          .satisfies(last -> assertThat(last.getStatus().getPhase()).isEqualTo(SandboxPhase.SANDBOX_PHASE_READY));
    }
  }

  @Test
  void watchOfAnUnknownIdIsNotFoundAndWithoutAnIdInvalid() {
    try (WatchStream unknown = calls.watch(WatchSandboxRequest.newBuilder().setId(UUID.randomUUID().toString())
        .setFollowStatus(true).build(), Duration.ofSeconds(30));
        WatchStream empty = calls.watch(WatchSandboxRequest.newBuilder().setFollowStatus(true).build(),
            Duration.ofSeconds(30))) {
      assertThat(unknown.awaitEnd(Duration.ofSeconds(30))).as(unknown.describeEnd()).contains(GrpcStatus.NOT_FOUND);
      assertThat(empty.awaitEnd(Duration.ofSeconds(30))).as(empty.describeEnd())
          .contains(GrpcStatus.INVALID_ARGUMENT);
    }
  }

  @Test
  void getOfAnUnknownNameIsNotFoundAndWithoutANameInvalid() {
    assertNotFound(sandboxes.name());
    RpcStatusException empty = calls.failure(OpenShellGrpcClient.GetSandbox,
        GetSandboxRequest.newBuilder().setWorkspace(gateway.settings().workspace()).build());
    assertThat(empty.status()).as(empty.getMessage()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  void deleteAnswersDeletedThenTheSandboxDisappears() {
    Sandbox ready = sandboxes.createReady(sandboxes.request());
    String name = ready.getMetadata().getName();
    String id = ready.getMetadata().getId();
    WatchStream watch = calls.watch(WatchSandboxRequest.newBuilder().setId(id).setFollowStatus(true).build(),
        Duration.ofSeconds(90));
    try (watch) {
      watch.awaitSnapshot("the first snapshot", sandbox -> true, Duration.ofSeconds(30));

      assertThat(sandboxes.delete(name)).isTrue();
      sandboxes.awaitGone(name, REMOVAL);

      assertThat(watch.awaitEnd(Duration.ofSeconds(30))).as("the watch ends when the sandbox is removed: "
          + watch.describeEnd()).hasValueSatisfying(status -> assertThat(status).isIn(GrpcStatus.OK,
          GrpcStatus.CANCELLED));
    }
    ExecOutcome exec = calls.exec(ExecSandboxRequest.newBuilder().setSandboxId(id).addCommand("true").build(),
        Duration.ofSeconds(30));
    assertThat(exec.status()).as("exec on a removed sandbox: " + exec).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  void deleteOfAnAbsentNameIsNotFound() {
    RpcStatusException absent = calls.failure(OpenShellGrpcClient.DeleteSandbox,
        DeleteSandboxRequest.newBuilder().setName(sandboxes.name())
            .setWorkspace(gateway.settings().workspace()).build());

    assertThat(absent.status()).as(absent.getMessage()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  private void assertInvalidCreate(CreateSandboxRequest request) {
    RpcStatusException failure = sandboxes.createFailure(request);
    assertThat(failure.status()).as(failure.getMessage()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  private void assertNotFound(String name) {
    RpcStatusException failure = calls.failure(OpenShellGrpcClient.GetSandbox,
        GetSandboxRequest.newBuilder().setName(name).setWorkspace(gateway.settings().workspace()).build());
    assertThat(failure.status()).as(name + ": " + failure.getMessage()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  private String expectedWorkspace() {
    String workspace = gateway.settings().workspace();
    return workspace.isEmpty() ? "default" : workspace;
  }

  private Duration readyTimeout() {
    return gateway.settings().readyTimeout();
  }
}

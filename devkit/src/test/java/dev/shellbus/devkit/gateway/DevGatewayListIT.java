package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.GetSandboxRequest;
import dev.shellbus.gateway.v1.ListSandboxesRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxSpec;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GetSandbox and ListSandboxes: workspaces, ordering, label selectors and offset paging. */
class DevGatewayListIT {

  private static GatewayFixture fixture;
  private static GatewayClient client;

  @BeforeAll
  static void start() {
    fixture = new GatewayFixture(GatewayFixture.fast().workspace("team-b"));
    client = fixture.client;
    for (int i = 0; i < 5; i++) {
      create("list-" + i, "", i % 2 == 0 ? "even" : "odd");
    }
    create("list-b", "team-b", "even");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static void create(String name, String workspace, String parity) {
    Await.result(client.call(OpenShellGrpcClient.CreateSandbox, CreateSandboxRequest.newBuilder().setName(name)
        .setWorkspace(workspace).putLabels("parity", parity).putLabels("suite", "list")
        .setSpec(SandboxSpec.getDefaultInstance()).build()));
  }

  private static List<String> list(ListSandboxesRequest.Builder request) {
    return Await.result(client.call(OpenShellGrpcClient.ListSandboxes, request.build())).getSandboxesList().stream()
        .map(s -> s.getMetadata().getName()).toList();
  }

  @Test
  void getNeedsANameAndAnswersNotFound() {
    RpcFailure empty = Await.failure(client.call(OpenShellGrpcClient.GetSandbox, GetSandboxRequest.getDefaultInstance()));
    assertThat(empty.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(empty.statusMessage()).isEqualTo("name is required");
    RpcFailure missing = Await.failure(client.call(OpenShellGrpcClient.GetSandbox,
        GetSandboxRequest.newBuilder().setName("nobody").build()));
    assertThat(missing.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(missing.statusMessage()).isEqualTo("sandbox not found");
    Sandbox other = Await.result(client.call(OpenShellGrpcClient.GetSandbox,
        GetSandboxRequest.newBuilder().setName("list-b").setWorkspace("team-b").build())).getSandbox();
    assertThat(other.getMetadata().getWorkspace()).isEqualTo("team-b");
  }

  @Test
  void listIsOrderedByCreationAndScopedToTheWorkspace() {
    assertThat(list(ListSandboxesRequest.newBuilder().setLabelSelector("suite=list")))
        .containsExactly("list-0", "list-1", "list-2", "list-3", "list-4");
    assertThat(list(ListSandboxesRequest.newBuilder().setWorkspace("team-b"))).containsExactly("list-b");
    assertThat(list(ListSandboxesRequest.newBuilder().setAllWorkspaces(true).setLabelSelector("suite=list")))
        .hasSize(6).contains("list-b");
  }

  @Test
  void labelSelectorIsAnAndOfEqualities() {
    assertThat(list(ListSandboxesRequest.newBuilder().setLabelSelector(" parity=even , suite=list ,")))
        .containsExactly("list-0", "list-2", "list-4");
    RpcFailure bad = Await.failure(client.call(OpenShellGrpcClient.ListSandboxes,
        ListSandboxesRequest.newBuilder().setLabelSelector("parity").build()));
    assertThat(bad.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  void offsetPagingEndsWithAShortPage() {
    ListSandboxesRequest.Builder page = ListSandboxesRequest.newBuilder().setLabelSelector("suite=list").setLimit(2);
    assertThat(list(page.setOffset(0))).containsExactly("list-0", "list-1");
    assertThat(list(page.setOffset(2))).containsExactly("list-2", "list-3");
    assertThat(list(page.setOffset(4))).containsExactly("list-4");
  }

  @Test
  void workspaceRulesAnswerInvalidArgumentOrNotFound() {
    RpcFailure both = Await.failure(client.call(OpenShellGrpcClient.ListSandboxes,
        ListSandboxesRequest.newBuilder().setAllWorkspaces(true).setWorkspace("team-b").build()));
    assertThat(both.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    RpcFailure unknown = Await.failure(client.call(OpenShellGrpcClient.ListSandboxes,
        ListSandboxesRequest.newBuilder().setWorkspace("ghost").build()));
    assertThat(unknown.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(unknown.statusMessage()).isEqualTo("workspace 'ghost' not found");
  }
}

package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.AttachSandboxProviderRequest;
import dev.shellbus.gateway.v1.AttachSandboxProviderResponse;
import dev.shellbus.gateway.v1.CreateProviderRequest;
import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.CredentialHandle;
import dev.shellbus.gateway.v1.DetachSandboxProviderRequest;
import dev.shellbus.gateway.v1.DetachSandboxProviderResponse;
import dev.shellbus.gateway.v1.GetProviderRequest;
import dev.shellbus.gateway.v1.ListProvidersRequest;
import dev.shellbus.gateway.v1.ListSandboxProvidersRequest;
import dev.shellbus.gateway.v1.ObjectMeta;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Provider;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxSpec;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Providers (contract sections 3.6 and 4.11): redaction, lookups, and attaching them to sandboxes with CAS. */
class DevGatewayProviderIT {

  private static GatewayFixture fixture;
  private static GatewayClient client;

  @BeforeAll
  static void start() {
    fixture = new GatewayFixture(GatewayFixture.fast()
        .provider(ProviderConfig.of("claude", "claude", Map.of("ANTHROPIC_API_KEY", "sk-secret")))
        .provider(ProviderConfig.of("gitlab", "gitlab", Map.of("GITLAB_TOKEN", "glpat-secret"))));
    client = fixture.client;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void startupProvidersAreListedWithRedactedCredentials() {
    var providers = Await.result(client.call(OpenShellGrpcClient.ListProviders,
        ListProvidersRequest.getDefaultInstance())).getProvidersList();
    assertThat(providers).extracting(p -> p.getMetadata().getName()).contains("claude", "gitlab");
    assertThat(providers).allSatisfy(p -> {
      assertThat(p.getCredentialsMap().values()).containsOnly("REDACTED");
      assertThat(p.getCredentialHandlesMap()).isEmpty();
    });
    Provider claude = Await.result(client.call(OpenShellGrpcClient.GetProvider,
        GetProviderRequest.newBuilder().setName("claude").build())).getProvider();
    assertThat(claude.getCredentialsMap()).containsExactly(Map.entry("ANTHROPIC_API_KEY", "REDACTED"));
    assertThat(claude.getMetadata().getWorkspace()).isEqualTo("default");
    RpcFailure missing = Await.failure(client.call(OpenShellGrpcClient.GetProvider,
        GetProviderRequest.newBuilder().setName("nope").build()));
    assertThat(missing.status()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  void createProviderRedactsAndRejectsDuplicates() {
    CreateProviderRequest request = CreateProviderRequest.newBuilder().setProvider(Provider.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("custom"))
        .setType("generic")
        .putCredentials("TOKEN", "t0p-secret")
        .putCredentialHandles("x", CredentialHandle.newBuilder().setHandle("h").build())
        .putConfig("url", "https://example.test")).build();
    Provider created = Await.result(client.call(OpenShellGrpcClient.CreateProvider, request)).getProvider();
    assertThat(created.getCredentialsMap()).containsExactly(Map.entry("TOKEN", "REDACTED"));
    assertThat(created.getCredentialHandlesMap()).isEmpty();
    assertThat(created.getConfigMap()).containsEntry("url", "https://example.test");
    assertThat(created.getMetadata().getId()).isNotEmpty();
    assertThat(Await.failure(client.call(OpenShellGrpcClient.CreateProvider, request)).status())
        .isEqualTo(GrpcStatus.ALREADY_EXISTS);
  }

  @Test
  void unknownProviderOnCreateIsAFailedPrecondition() {
    RpcFailure failure = Await.failure(client.call(OpenShellGrpcClient.CreateSandbox, CreateSandboxRequest
        .newBuilder().setSpec(SandboxSpec.newBuilder().addProviders("ghost")).build()));
    assertThat(failure.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(failure.statusMessage()).isEqualTo("provider 'ghost' not found");
  }

  @Test
  void attachAndDetachAreIdempotentWithCompareAndSet() {
    Sandbox sandbox = Await.result(client.call(OpenShellGrpcClient.CreateSandbox, CreateSandboxRequest.newBuilder()
        .setName("with-providers").setSpec(SandboxSpec.newBuilder().addProviders("claude")).build())).getSandbox();
    long version = sandbox.getMetadata().getResourceVersion();

    RpcFailure stale = Await.failure(client.call(OpenShellGrpcClient.AttachSandboxProvider, attach("gitlab")
        .setExpectedResourceVersion(version + 100).build()));
    assertThat(stale.status()).isEqualTo(GrpcStatus.ABORTED);

    Sandbox current = client.get("with-providers");
    AttachSandboxProviderResponse attached = Await.result(client.call(OpenShellGrpcClient.AttachSandboxProvider,
        attach("gitlab").setExpectedResourceVersion(current.getMetadata().getResourceVersion()).build()));
    assertThat(attached.getAttached()).isTrue();
    assertThat(attached.getSandbox().getSpec().getProvidersList()).containsExactly("claude", "gitlab");
    assertThat(attached.getSandbox().getMetadata().getResourceVersion())
        .isGreaterThan(current.getMetadata().getResourceVersion());
    assertThat(Await.result(client.call(OpenShellGrpcClient.AttachSandboxProvider, attach("gitlab").build()))
        .getAttached()).isFalse();

    RpcFailure unknown = Await.failure(client.call(OpenShellGrpcClient.AttachSandboxProvider,
        attach("ghost").build()));
    assertThat(unknown.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);

    var listed = Await.result(client.call(OpenShellGrpcClient.ListSandboxProviders,
        ListSandboxProvidersRequest.newBuilder().setSandboxName("with-providers").build())).getProvidersList();
    assertThat(listed).extracting(p -> p.getMetadata().getName()).containsExactly("claude", "gitlab");
    assertThat(listed).allSatisfy(p -> assertThat(p.getCredentialsMap().values()).containsOnly("REDACTED"));

    DetachSandboxProviderResponse detached = Await.result(client.call(OpenShellGrpcClient.DetachSandboxProvider,
        DetachSandboxProviderRequest.newBuilder().setSandboxName("with-providers").setProviderName("claude").build()));
    assertThat(detached.getDetached()).isTrue();
    assertThat(detached.getSandbox().getSpec().getProvidersList()).containsExactly("gitlab");
    assertThat(Await.result(client.call(OpenShellGrpcClient.DetachSandboxProvider, DetachSandboxProviderRequest
        .newBuilder().setSandboxName("with-providers").setProviderName("claude").build())).getDetached()).isFalse();
    RpcFailure noSandbox = Await.failure(client.call(OpenShellGrpcClient.DetachSandboxProvider,
        DetachSandboxProviderRequest.newBuilder().setSandboxName("ghost").setProviderName("claude").build()));
    assertThat(noSandbox.status()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  private static AttachSandboxProviderRequest.Builder attach(String provider) {
    return AttachSandboxProviderRequest.newBuilder().setSandboxName("with-providers").setProviderName(provider);
  }
}

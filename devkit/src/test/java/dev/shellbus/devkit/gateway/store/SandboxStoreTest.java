package dev.shellbus.devkit.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.devkit.gateway.validate.K8sNames;
import dev.shellbus.gateway.v1.ObjectMeta;
import dev.shellbus.gateway.v1.PlatformEvent;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxLogLine;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SandboxStoreTest {

  private static Sandbox sandbox(String id, String workspace, String name, long created) {
    return Sandbox.newBuilder().setMetadata(ObjectMeta.newBuilder().setId(id).setWorkspace(workspace).setName(name)
        .setCreatedAtMs(created).setResourceVersion(1)).build();
  }

  @Test
  void namesAreUniquePerWorkspace() {
    SandboxStore store = new SandboxStore();
    store.insert(sandbox("1", "default", "a", 1), Path.of("/tmp/1"));
    store.insert(sandbox("2", "other", "a", 1), Path.of("/tmp/2"));
    assertThatThrownBy(() -> store.insert(sandbox("3", "default", "a", 2), Path.of("/tmp/3")))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.status()).isEqualTo(GrpcStatus.ALREADY_EXISTS);
          assertThat(e.getMessage()).isEqualTo("sandbox 'a' already exists");
        });
    assertThat(store.findByName("other", "a").map(SandboxRecord::id)).contains("2");
  }

  @Test
  void generatedNamesAreDrawnAgainUntilFreeSoUnnamedInsertsNeverCollide() {
    // Four petnames for 200 sandboxes: without drawing again, the second insert already fails one time in four.
    NameGenerator names = new NameGenerator(new Random(7), List.of("calm", "keen"), List.of("cat", "cow"));
    SandboxStore store = new SandboxStore();
    List<String> generated = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      generated.add(store.insertWithGeneratedName(sandbox("id" + i, "default", "", i), names, Path.of("/tmp/" + i))
          .name());
    }
    assertThat(generated).doesNotHaveDuplicates().allMatch(K8sNames::isSandboxName)
        .contains("calm-cat", "calm-cow", "keen-cat", "keen-cow");
    assertThat(store.size()).isEqualTo(200);
  }

  @Test
  void aGeneratedNameIsFreePerWorkspaceAndAnExplicitCopyOfItAnswersAlreadyExists() {
    NameGenerator names = new NameGenerator(new Random(7), List.of("calm"), List.of("cat"));
    SandboxStore store = new SandboxStore();
    store.insert(sandbox("1", "other", "calm-cat", 1), Path.of("/tmp/1"));
    SandboxRecord generated = store.insertWithGeneratedName(sandbox("2", "default", "", 2), names, Path.of("/tmp/2"));
    assertThat(generated.name()).isEqualTo("calm-cat");
    assertThat(generated.sandbox().getMetadata().getName()).isEqualTo("calm-cat");
    assertThatThrownBy(() -> store.insert(sandbox("3", "default", "calm-cat", 3), Path.of("/tmp/3")))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.status()).isEqualTo(GrpcStatus.ALREADY_EXISTS);
          assertThat(e.getMessage()).isEqualTo("sandbox 'calm-cat' already exists");
        });
  }

  @Test
  void listOrdersByCreationThenName() {
    SandboxStore store = new SandboxStore();
    store.insert(sandbox("1", "default", "zeta", 5), Path.of("/tmp/1"));
    store.insert(sandbox("2", "default", "beta", 7), Path.of("/tmp/2"));
    store.insert(sandbox("3", "default", "alpha", 7), Path.of("/tmp/3"));
    store.insert(sandbox("4", "default", "omega", 1), Path.of("/tmp/4"));
    assertThat(store.list(s -> true).stream().map(s -> s.getMetadata().getName()))
        .containsExactly("omega", "zeta", "alpha", "beta");
  }

  @Test
  void updatesRaiseTheResourceVersionAndNotifyWatchers() {
    SandboxStore store = new SandboxStore();
    SandboxRecord record = store.insert(sandbox("1", "default", "a", 1), Path.of("/tmp/1"));
    List<String> seen = new ArrayList<>();
    store.bus().subscribe("1", new WatchBus.Listener() {
      @Override
      public void onStatus() {
        seen.add("status");
      }

      @Override
      public void onLog(SandboxLogLine line) {
        seen.add("log");
      }

      @Override
      public void onEvent(PlatformEvent event) {
        seen.add("event");
      }

      @Override
      public void onRemoved() {
        seen.add("removed");
      }
    });
    Sandbox updated = store.update(record, b -> b.getMetadataBuilder().putLabels("k", "v"));
    assertThat(updated.getMetadata().getResourceVersion()).isEqualTo(2);
    store.logs().append(SandboxLogLine.newBuilder().setSandboxId("1").setMessage("hello").build());
    store.logs().record("1", PlatformEvent.getDefaultInstance());
    store.remove(record);
    assertThat(seen).containsExactly("status", "log", "event", "removed");
    assertThat(store.find("1")).isEmpty();
    assertThat(store.logs().tail("1", 10)).isEmpty();
    assertThat(store.bus().watchers("1")).isZero();
  }

  @Test
  void logRingKeepsTheLast2000Lines() {
    SandboxStore store = new SandboxStore();
    for (int i = 0; i < 2100; i++) {
      store.logs().append(SandboxLogLine.newBuilder().setSandboxId("x").setMessage("m" + i).build());
    }
    List<SandboxLogLine> all = store.logs().tail("x", 5000);
    assertThat(all).hasSize(SandboxLogs.LOG_CAPACITY);
    assertThat(all.get(0).getMessage()).isEqualTo("m100");
    assertThat(store.logs().tail("x", 2)).extracting(SandboxLogLine::getMessage).containsExactly("m2098", "m2099");
  }
}

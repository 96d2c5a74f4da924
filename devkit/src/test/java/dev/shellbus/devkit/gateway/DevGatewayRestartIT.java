package dev.shellbus.devkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.ListSandboxesRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.SandboxPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway restarted on the data directory of a crashed one starts clean: nothing of the old sandboxes is left. */
class DevGatewayRestartIT {

  @Test
  void restartOnTheSameDataDirectoryDeletesTheWorkspacesACrashLeftBehind(@TempDir Path dataDir,
      @TempDir Path snapshot) throws IOException {
    Path sandboxes = dataDir.resolve("sandboxes");
    List<String> ids = new ArrayList<>();
    try (GatewayFixture crashed = new GatewayFixture(GatewayFixture.fast().dataDir(dataDir))) {
      for (String name : List.of("one", "two", "three")) {
        ids.add(crashed.client.create(name).getMetadata().getId());
        crashed.client.awaitPhase(name, SandboxPhase.SANDBOX_PHASE_READY);
      }
      for (String id : ids) {
        Files.writeString(sandboxes.resolve(id).resolve("work.txt"), "unfinished");
        Files.createDirectories(sandboxes.resolve(id + ".tmp"));
      }
      Files.createDirectories(sandboxes.resolve(".etc"));
      copyTree(sandboxes, snapshot);
    }
    // A crash runs no stop at all: put back whatever the orderly stop above may have tidied.
    copyTree(snapshot, sandboxes);
    assertThat(names(sandboxes)).hasSize(7);

    try (GatewayFixture restarted = new GatewayFixture(GatewayFixture.fast().dataDir(dataDir))) {
      assertThat(names(sandboxes)).as("left by the crashed run").isEmpty();
      assertThat(Await.result(restarted.client.call(OpenShellGrpcClient.ListSandboxes,
          ListSandboxesRequest.getDefaultInstance())).getSandboxesList()).isEmpty();
      String id = restarted.client.create("one").getMetadata().getId();
      restarted.client.awaitPhase("one", SandboxPhase.SANDBOX_PHASE_READY);
      assertThat(names(sandboxes)).containsExactly(id);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

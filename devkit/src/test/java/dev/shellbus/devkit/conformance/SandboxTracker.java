package dev.shellbus.devkit.conformance;

import dev.shellbus.gateway.v1.CreateSandboxRequest;
import dev.shellbus.gateway.v1.DeleteSandboxRequest;
import dev.shellbus.gateway.v1.GetSandboxRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import dev.shellbus.gateway.v1.SandboxPhase;
import dev.shellbus.gateway.v1.SandboxSpec;
import dev.shellbus.gateway.v1.SandboxTemplate;
import dev.shellbus.gateway.v1.WatchSandboxRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the sandboxes of one test class and deletes every one of them at the end, whatever the tests did.
 *
 * <p>Each sandbox gets a unique name ({@code cf-<run>-<prefix><n>}, at most 19 characters) and the labels
 * {@code conformance=shellbus} and {@code conformance-run=<run>}, so that leftovers on a shared gateway can be found,
 * and the configured workspace and image. A name is recorded before its create call is sent, so a create that timed
 * out on the client is cleaned up too.
 */
final class SandboxTracker implements AutoCloseable {

  static final String LABEL = "conformance";
  static final String LABEL_VALUE = "shellbus";
  static final String RUN_LABEL = "conformance-run";

  private final GatewayCalls calls;
  private final ConformanceSettings settings;
  private final String runId;
  private final String prefix;
  private final AtomicInteger counter = new AtomicInteger();
  private final Set<String> names = new LinkedHashSet<>();

  SandboxTracker(GatewayCalls calls, ConformanceSettings settings, String runId, String prefix) {
    this.calls = calls;
    this.settings = settings;
    this.runId = runId;
    this.prefix = prefix;
  }

  /** Returns the run id this tracker labels sandboxes with. */
  String runId() {
    return runId;
  }

  /** Returns a fresh unique name. */
  String name() {
    return "cf-" + runId + "-" + prefix + counter.incrementAndGet();
  }

  /** Returns a create request with a fresh name, the suite's labels, workspace and image, and a present spec. */
  CreateSandboxRequest.Builder request() {
    return request(name());
  }

  /** Returns a create request for {@code name} with the suite's labels, workspace and image. */
  CreateSandboxRequest.Builder request(String name) {
    SandboxSpec.Builder spec = SandboxSpec.newBuilder();
    settings.image().ifPresent(image -> spec.setTemplate(SandboxTemplate.newBuilder().setImage(image)));
    return CreateSandboxRequest.newBuilder().setName(name).setSpec(spec).setWorkspace(settings.workspace())
        .putLabels(LABEL, LABEL_VALUE).putLabels(RUN_LABEL, runId);
  }

  /** Sends CreateSandbox, remembering the name for cleanup, and returns the created sandbox. */
  Sandbox create(CreateSandboxRequest.Builder request) {
    remember(request.getName());
    Sandbox created = calls.call(OpenShellGrpcClient.CreateSandbox, request.build()).getSandbox();
    remember(created.getMetadata().getName());
    return created;
  }

  /** Sends a CreateSandbox that must fail and returns its status; a sandbox created by mistake is still cleaned up. */
  RpcStatusException createFailure(CreateSandboxRequest request) {
    return createFailure(request, calls);
  }

  /** As {@link #createFailure(CreateSandboxRequest)}, sent through {@code via} (other credentials). */
  RpcStatusException createFailure(CreateSandboxRequest request, GatewayCalls via) {
    remember(request.getName());
    Sandbox created;
    try {
      created = via.call(OpenShellGrpcClient.CreateSandbox, request).getSandbox();
    } catch (RpcStatusException expected) {
      return expected;
    }
    remember(created.getMetadata().getName());
    throw new AssertionError("CreateSandbox was expected to fail but created " + created.getMetadata().getName());
  }

  /** Creates a sandbox and waits until it is READY. */
  Sandbox createReady(CreateSandboxRequest.Builder request) {
    return awaitReady(create(request));
  }

  /** Follows the sandbox with WatchSandbox until it is READY; ERROR or DELETING fail at once (contract 8.4). */
  Sandbox awaitReady(Sandbox sandbox) {
    WatchSandboxRequest watch = WatchSandboxRequest.newBuilder().setId(sandbox.getMetadata().getId())
        .setFollowStatus(true).build();
    try (WatchStream stream = calls.watch(watch, settings.readyTimeout().plusSeconds(30))) {
      Sandbox reached = stream.awaitSnapshot(sandbox.getMetadata().getName() + " READY, ERROR or DELETING",
          snapshot -> terminal(snapshot.getStatus().getPhase()), settings.readyTimeout());
      if (reached.getStatus().getPhase() != SandboxPhase.SANDBOX_PHASE_READY) {
        throw new AssertionError(sandbox.getMetadata().getName() + " became " + reached.getStatus().getPhase()
            + " instead of READY: " + reached.getStatus());
      }
      return reached;
    }
  }

  /** Returns GetSandbox of {@code name} in the suite's workspace. */
  Sandbox get(String name) {
    return calls.call(OpenShellGrpcClient.GetSandbox, GetSandboxRequest.newBuilder().setName(name)
        .setWorkspace(settings.workspace()).build()).getSandbox();
  }

  /** Returns DeleteSandbox's {@code deleted} for {@code name} in the suite's workspace. */
  boolean delete(String name) {
    return calls.call(OpenShellGrpcClient.DeleteSandbox, DeleteSandboxRequest.newBuilder().setName(name)
        .setWorkspace(settings.workspace()).build()).getDeleted();
  }

  /** Polls GetSandbox until it answers NOT_FOUND. */
  void awaitGone(String name, Duration timeout) {
    Poll.until(name + " to be removed (GetSandbox NOT_FOUND)", timeout, () -> {
      try {
        get(name);
        return false;
      } catch (RpcStatusException failure) {
        if (failure.status() == GrpcStatus.NOT_FOUND) {
          return true;
        }
        throw failure;
      }
    });
  }

  /** Deletes every sandbox this tracker created; NOT_FOUND counts as deleted. */
  @Override
  public void close() {
    List<String> pending;
    synchronized (names) {
      pending = new ArrayList<>(names);
      names.clear();
    }
    List<String> failures = new ArrayList<>();
    for (String name : pending) {
      try {
        delete(name);
      } catch (RpcStatusException failure) {
        if (failure.status() != GrpcStatus.NOT_FOUND && failure.status() != GrpcStatus.INVALID_ARGUMENT) {
          failures.add(name + ": " + failure.getMessage());
        }
      } catch (RuntimeException | AssertionError failure) {
        failures.add(name + ": " + failure);
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("could not delete conformance sandboxes " + failures);
    }
  }

  private void remember(String name) {
    if (!name.isEmpty()) {
      synchronized (names) {
        names.add(name);
      }
    }
  }

  private static boolean terminal(SandboxPhase phase) {
    return phase == SandboxPhase.SANDBOX_PHASE_READY || phase == SandboxPhase.SANDBOX_PHASE_ERROR
        || phase == SandboxPhase.SANDBOX_PHASE_DELETING;
  }
}

package dev.shellbus.devkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.gateway.v1.ListSandboxesRequest;
import dev.shellbus.gateway.v1.OpenShellGrpcClient;
import dev.shellbus.gateway.v1.Sandbox;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ListSandboxes (contract 4.4): label selectors as an AND of equalities, order by {@code created_at_ms} then name,
 * offset paging. Every selector includes this run's label, so other sandboxes on a shared gateway never count.
 */
@GatewayConformance
class ListSandboxesConformanceIT {

  private static final String COLOR = "conformance-color";
  private static final String SIZE = "conformance-size";
  private static final String CASE = "conformance-case";

  private GatewayCalls calls;
  private SandboxTracker sandboxes;
  private String workspace;
  /** The selector of this class's sandboxes only: the run's label and this case's. */
  private String scope;
  /** The four sandboxes in contract order: created_at_ms ascending, then name. */
  private List<Sandbox> ordered;

  /**
   * Creates four sandboxes one after another, named so that name order is the reverse of creation order: when two
   * share a millisecond, the name decides.
   */
  @BeforeAll
  void createFour(ConformanceGateway gateway) {
    calls = gateway.calls();
    sandboxes = gateway.tracker("ls");
    workspace = gateway.settings().workspace();
    scope = SandboxTracker.RUN_LABEL + "=" + sandboxes.runId() + "," + CASE + "=list";
    String base = sandboxes.name();
    String[][] labels = {{"d", "red", "big"}, {"c", "red", "small"}, {"b", "blue", "big"}, {"a", "red", "big"}};
    List<Sandbox> created = new ArrayList<>();
    for (String[] spec : labels) {
      created.add(sandboxes.create(sandboxes.request(base + spec[0]).putLabels(COLOR, spec[1]).putLabels(SIZE, spec[2])
          .putLabels(CASE, "list")));
    }
    ordered = created.stream().sorted(Comparator.<Sandbox>comparingLong(s -> s.getMetadata().getCreatedAtMs())
        .thenComparing(s -> s.getMetadata().getName())).toList();
  }

  @AfterAll
  void deleteSandboxes() {
    sandboxes.close();
  }

  @Test
  void oneSelectorListsAllFourOrderedByCreationThenName() {
    assertThat(names(list(scope, 0, 0))).containsExactlyElementsOf(names(ordered));
  }

  @Test
  void pairsAreAndedTogether() {
    assertThat(names(list(scope + "," + COLOR + "=red", 0, 0)))
        .containsExactlyElementsOf(names(ordered.stream().filter(s -> label(s, COLOR).equals("red")).toList()));
    assertThat(names(list(scope + "," + COLOR + "=red," + SIZE + "=big", 0, 0)))
        .containsExactlyElementsOf(names(ordered.stream()
            .filter(s -> label(s, COLOR).equals("red") && label(s, SIZE).equals("big")).toList()))
        .hasSize(2);
    assertThat(list(scope + "," + COLOR + "=green", 0, 0)).isEmpty();
  }

  @Test
  void whitespaceAroundItemsAndEmptyItemsAreIgnored() {
    assertThat(names(list(" " + scope + " , " + COLOR + "=blue ,", 0, 0)))
        .containsExactly(names(ordered.stream().filter(s -> label(s, COLOR).equals("blue")).toList())
            .toArray(String[]::new));
  }

  @Test
  void limitAndOffsetPageThroughTheOrderedList() {
    List<String> all = names(ordered);

    assertThat(names(list(scope, 3, 0))).containsExactlyElementsOf(all.subList(0, 3));
    assertThat(names(list(scope, 3, 3))).as("the last page is shorter than the limit")
        .containsExactlyElementsOf(all.subList(3, 4));
    assertThat(list(scope, 3, 4)).isEmpty();
    assertThat(names(list(scope, 2, 1))).containsExactlyElementsOf(all.subList(1, 3));
    assertThat(names(list(scope, 0, 2))).as("limit 0 means the default page of 100")
        .containsExactlyElementsOf(all.subList(2, 4));
  }

  @ParameterizedTest(name = "selector ''{0}''")
  @ValueSource(strings = {"conformance", "conformance!=shellbus", "conformance in (shellbus)", "=shellbus",
      "conformance=shell bus", "-bad-key-=x"})
  void aBadSelectorIsInvalid(String selector) {
    RpcStatusException failure = calls.failure(OpenShellGrpcClient.ListSandboxes, ListSandboxesRequest.newBuilder()
        .setWorkspace(workspace).setLabelSelector(selector).build());

    assertThat(failure.status()).as(failure.getMessage()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  private List<Sandbox> list(String selector, int limit, int offset) {
    return calls.call(OpenShellGrpcClient.ListSandboxes, ListSandboxesRequest.newBuilder().setWorkspace(workspace)
        .setLabelSelector(selector).setLimit(limit).setOffset(offset).build()).getSandboxesList();
  }

  private static List<String> names(List<Sandbox> list) {
    return list.stream().map(s -> s.getMetadata().getName()).toList();
  }

  private static String label(Sandbox sandbox, String key) {
    return sandbox.getMetadata().getLabelsOrDefault(key, "");
  }
}

package dev.shellbus.devkit.gateway.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.devkit.gateway.GatewayException;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class K8sNamesTest {

  @Test
  void sandboxNamesAreShortDnsLabelsWithoutDoubleDashes() {
    assertThat(K8sNames.isSandboxName("a")).isTrue();
    assertThat(K8sNames.isSandboxName("job-42-x")).isTrue();
    assertThat(K8sNames.isSandboxName("a234567890123456789")).isTrue();
    assertThat(K8sNames.isSandboxName("a2345678901234567890")).isFalse();
    assertThat(K8sNames.isSandboxName("")).isFalse();
    assertThat(K8sNames.isSandboxName("Upper")).isFalse();
    assertThat(K8sNames.isSandboxName("-lead")).isFalse();
    assertThat(K8sNames.isSandboxName("trail-")).isFalse();
    assertThat(K8sNames.isSandboxName("dou--ble")).isFalse();
    assertThat(K8sNames.isSandboxName("under_score")).isFalse();
  }

  @Test
  void checkSandboxNameAnswersInvalidArgument() {
    assertThatThrownBy(() -> K8sNames.checkSandboxName("a2345678901234567890"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("at most 19");
        });
    assertThatThrownBy(() -> K8sNames.checkSandboxName("Bad"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.getMessage()).contains("DNS-1123"));
  }

  @Test
  void labelKeysMayHaveADnsPrefix() {
    assertThat(K8sNames.isLabelKey("app")).isTrue();
    assertThat(K8sNames.isLabelKey("shellbus.dev/managed")).isTrue();
    assertThat(K8sNames.isLabelKey("a.b_c-d")).isTrue();
    assertThat(K8sNames.isLabelKey("/x")).isFalse();
    assertThat(K8sNames.isLabelKey("Bad_Prefix.io/x")).isFalse();
    assertThat(K8sNames.isLabelKey("x/")).isFalse();
    assertThat(K8sNames.isLabelKey("-x")).isFalse();
    assertThat(K8sNames.isLabelKey("a".repeat(64))).isFalse();
    assertThat(K8sNames.isLabelKey("a".repeat(63))).isTrue();
  }

  @Test
  void labelValuesMayBeEmptyOrShortNames() {
    assertThat(K8sNames.isLabelValue("")).isTrue();
    assertThat(K8sNames.isLabelValue("v1.2_3-x")).isTrue();
    assertThat(K8sNames.isLabelValue("has space")).isFalse();
    assertThat(K8sNames.isLabelValue("x".repeat(64))).isFalse();
  }

  @Test
  void annotationValuesAreLimitedTo8192Bytes() {
    K8sNames.checkAnnotations("annotations", Map.of("note", "x".repeat(8192)));
    assertThatThrownBy(() -> K8sNames.checkAnnotations("annotations", Map.of("note", "x".repeat(8193))))
        .isInstanceOf(GatewayException.class).hasMessageContaining("8192");
    assertThatThrownBy(() -> K8sNames.checkAnnotations("annotations", Map.of("bad key", "x")))
        .isInstanceOf(GatewayException.class).hasMessageContaining("bad key");
  }
}

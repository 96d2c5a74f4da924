package dev.shellbus.devkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class TestEnvironmentTest {

    @Test
    void withoutTheSwitchesTheEmbeddedServicesAreUsed() {
        assertThat(TestEnvironment.externalKafka(Map.of())).isEmpty();
        assertThat(TestEnvironment.externalKafka(Map.of("SHELLBUS_TEST_KAFKA", "  "))).isEmpty();
        assertThat(TestEnvironment.externalS3(Map.of())).isEmpty();
    }

    @Test
    void theKafkaSwitchHandsOutTheGivenBootstrapServers() {
        KafkaService kafka = TestEnvironment.externalKafka(
                Map.of("SHELLBUS_TEST_KAFKA", "kafka-1:9092,kafka-2:9092")).orElseThrow();

        assertThat(kafka.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(kafka.isExternal()).isTrue();
    }

    @Test
    void theS3SwitchTakesKeysAndBucketAndDefaultsTheRegion() {
        S3Service s3 = TestEnvironment.externalS3(Map.of(
                "SHELLBUS_TEST_S3_ENDPOINT", "https://minio.example:9000",
                "SHELLBUS_TEST_S3_ACCESS_KEY", "ak",
                "SHELLBUS_TEST_S3_SECRET_KEY", "sk-very-secret",
                "SHELLBUS_TEST_S3_BUCKET", "ci-artifacts")).orElseThrow();

        assertThat(s3.endpoint()).isEqualTo(URI.create("https://minio.example:9000"));
        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.bucket()).isEqualTo("ci-artifacts");
        assertThat(s3.isExternal()).isTrue();
        assertThat(s3.toString()).contains("ak").doesNotContain("sk-very-secret");
    }

    @Test
    void anS3EndpointWithoutKeysFailsNamingTheMissingVariable() {
        Map<String, String> env = Map.of(
                "SHELLBUS_TEST_S3_ENDPOINT", "http://127.0.0.1:9000",
                "SHELLBUS_TEST_S3_ACCESS_KEY", "ak");

        assertThatThrownBy(() -> TestEnvironment.externalS3(env))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("SHELLBUS_TEST_S3_SECRET_KEY");
    }

    @Test
    void aRelativeS3EndpointIsRefused() {
        assertThatThrownBy(() -> TestEnvironment.externalS3(Map.of(
                "SHELLBUS_TEST_S3_ENDPOINT", "127.0.0.1:9000",
                "SHELLBUS_TEST_S3_ACCESS_KEY", "ak",
                "SHELLBUS_TEST_S3_SECRET_KEY", "sk")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("SHELLBUS_TEST_S3_ENDPOINT");
    }
}

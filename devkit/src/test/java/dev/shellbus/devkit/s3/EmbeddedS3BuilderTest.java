package dev.shellbus.devkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedS3BuilderTest {

    @Test
    void defaultsAreTheDevelopmentKeysAndBucketInMemory() {
        EmbeddedS3 server = EmbeddedS3.builder().build();

        assertThat(server.accessKey()).isEqualTo("shellbus");
        assertThat(server.secretKey()).isEqualTo("shellbus-secret");
        assertThat(server.bucket()).isEqualTo("shellbus");
        assertThat(server.directory()).isEmpty();
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void bucketNamesFollowS3Rules() {
        assertThatThrownBy(() -> EmbeddedS3.builder().bucket("ab"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ab");
        assertThatThrownBy(() -> EmbeddedS3.builder().bucket("Upper"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EmbeddedS3.builder().bucket("abc").build().bucket()).isEqualTo("abc");
    }

    @Test
    void blankCredentialsAreRefused() {
        assertThatThrownBy(() -> EmbeddedS3.builder().credentials("key", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secretKey");
    }

    @Test
    void theEndpointIsUnknownBeforeTheFirstStartAndTheSecretIsNeverPrinted() {
        EmbeddedS3 server = EmbeddedS3.builder().credentials("key", "top-secret").build();

        assertThatThrownBy(server::endpoint).isInstanceOf(IllegalStateException.class);
        assertThat(server.toString()).doesNotContain("top-secret");
    }
}

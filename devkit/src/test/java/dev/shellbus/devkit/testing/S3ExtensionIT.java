package dev.shellbus.devkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.shellbus.devkit.s3.EmbeddedS3;
import dev.shellbus.devkit.s3.S3TestClients;
import dev.shellbus.devkit.s3.S3Transfers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** Uses the run's S3 store through the extension, embedded or external. */
@ExtendWith(S3Extension.class)
class S3ExtensionIT {

    static S3Service first;

    @BeforeAll
    static void resolveOnce(S3Service s3) {
        first = s3;
    }

    @Test
    void theResolvedStoreKeepsWhatIsPutInItsBucket(S3Service s3) {
        String key = "extension/" + UUID.randomUUID();
        try (S3AsyncClient client =
                S3TestClients.plain(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey())) {
            S3Transfers.putText(client, s3.bucket(), key, "shared");

            assertThat(S3Transfers.getText(client, s3.bucket(), key)).isEqualTo("shared");
        }
    }

    @Test
    @DisabledIfEnvironmentVariable(named = "SHELLBUS_TEST_S3_ENDPOINT", matches = ".+")
    void theEmbeddedServerIsHandedOutWhenNoExternalStoreIsNamed(EmbeddedS3 server, S3Service s3) {
        assertThat(s3.embedded()).containsSame(server);
        assertThat(server.isRunning()).isTrue();
        assertThat(server.directory()).as("objects live on disk, not on the heap").isPresent();
        assertThat(s3.toString()).doesNotContain(server.secretKey());
    }

    /** A nested class has its own class context; it must still get the run-wide store. */
    @Nested
    class InAnotherClassContext {

        @Test
        void theSameStoreIsHandedOutOncePerRun(S3Service s3) {
            assertThat(s3).isSameAs(first);
        }
    }
}

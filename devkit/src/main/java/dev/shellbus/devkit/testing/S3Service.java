package dev.shellbus.devkit.testing;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import dev.shellbus.devkit.s3.EmbeddedS3;

/**
 * The S3-compatible store a test talks to: the shared embedded server, or an external store named
 * by {@code SHELLBUS_TEST_S3_ENDPOINT} and its companion variables.
 *
 * <p>Use path-style addressing against {@link #endpoint()}. Tests that need to restart the store
 * must check {@link #embedded()}. {@link #toString()} leaves the secret key out.
 *
 * @param endpoint the HTTP endpoint
 * @param region the signing region; the embedded server accepts any
 * @param accessKey the access key to sign with
 * @param secretKey the secret key to sign with
 * @param bucket a bucket that exists and that tests may write to
 * @param embedded the embedded server behind the endpoint, empty for an external store
 */
public record S3Service(URI endpoint, String region, String accessKey, String secretKey,
        String bucket, Optional<EmbeddedS3> embedded) {

    /** Checks that every part is present. */
    public S3Service {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(embedded, "embedded");
    }

    static S3Service of(EmbeddedS3 server) {
        return new S3Service(server.endpoint(), TestEnvironment.DEFAULT_REGION, server.accessKey(),
                server.secretKey(), server.bucket(), Optional.of(server));
    }

    /** Tells whether the endpoint points at a store outside this JVM. */
    public boolean isExternal() {
        return embedded.isEmpty();
    }

    @Override
    public String toString() {
        return "S3Service[endpoint=" + endpoint + ", region=" + region + ", accessKey=" + accessKey
                + ", secretKey=***, bucket=" + bucket + ", " + (isExternal() ? "external" : "embedded") + "]";
    }
}

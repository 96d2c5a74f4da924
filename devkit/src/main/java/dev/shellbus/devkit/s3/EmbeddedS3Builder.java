package dev.shellbus.devkit.s3;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Options of an {@link EmbeddedS3}: store directory, port, credentials, bucket and start timeout.
 *
 * <p>Defaults: objects in memory, a free ephemeral port, access key {@value #DEFAULT_ACCESS_KEY},
 * secret key {@value #DEFAULT_SECRET_KEY}, bucket {@value #DEFAULT_BUCKET}, and 30 seconds to reach
 * the STARTED state. The default keys are for local development only.
 */
public final class EmbeddedS3Builder {

    /** The access key used unless another is set. */
    public static final String DEFAULT_ACCESS_KEY = "shellbus";
    /** The secret key used unless another is set; a development default, not a secret. */
    public static final String DEFAULT_SECRET_KEY = "shellbus-secret";
    /** The bucket created at start unless another is set. */
    public static final String DEFAULT_BUCKET = "shellbus";

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    Optional<Path> directory = Optional.empty();
    int port;
    String accessKey = DEFAULT_ACCESS_KEY;
    String secretKey = DEFAULT_SECRET_KEY;
    String bucket = DEFAULT_BUCKET;
    Duration startTimeout = Duration.ofSeconds(30);

    EmbeddedS3Builder() {}

    /** Stores objects as files under {@code dir}, created if missing, so they outlive the JVM. */
    public EmbeddedS3Builder directory(Path dir) {
        this.directory = Optional.of(Objects.requireNonNull(dir, "dir").toAbsolutePath());
        return this;
    }

    /** Keeps objects in memory only, for as long as the {@link EmbeddedS3} object lives. */
    public EmbeddedS3Builder inMemory() {
        this.directory = Optional.empty();
        return this;
    }

    /** Fixes the HTTP port; 0 picks a free one. */
    public EmbeddedS3Builder port(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /** Sets the access key and secret key that requests must be signed with. */
    public EmbeddedS3Builder credentials(String accessKey, String secretKey) {
        this.accessKey = requireText(accessKey, "accessKey");
        this.secretKey = requireText(secretKey, "secretKey");
        return this;
    }

    /** Sets the bucket created at start: 3 to 63 lowercase letters, digits, dots or hyphens. */
    public EmbeddedS3Builder bucket(String bucket) {
        if (bucket == null || !BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException("invalid S3 bucket name: " + bucket);
        }
        this.bucket = bucket;
        return this;
    }

    /** Sets how long {@link EmbeddedS3#start()} waits for the server to reach STARTED. */
    public EmbeddedS3Builder startTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, got " + timeout);
        }
        this.startTimeout = timeout;
        return this;
    }

    /** Returns a server with these options, not yet started. */
    public EmbeddedS3 build() {
        return new EmbeddedS3(this);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}

package dev.shellbus.devkit.testing;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import dev.shellbus.devkit.s3.EmbeddedS3Builder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Reads the environment switches that point the tests at external services instead of embedded
 * ones; a switch that is set but incomplete or malformed fails the run and names the variable.
 */
final class TestEnvironment {

    static final String KAFKA = "SHELLBUS_TEST_KAFKA";
    static final String S3_ENDPOINT = "SHELLBUS_TEST_S3_ENDPOINT";
    static final String S3_ACCESS_KEY = "SHELLBUS_TEST_S3_ACCESS_KEY";
    static final String S3_SECRET_KEY = "SHELLBUS_TEST_S3_SECRET_KEY";
    static final String S3_BUCKET = "SHELLBUS_TEST_S3_BUCKET";
    static final String S3_REGION = "SHELLBUS_TEST_S3_REGION";
    static final String DEFAULT_REGION = "us-east-1";

    private TestEnvironment() {}

    /** Returns the external bootstrap servers, if {@value #KAFKA} is set. */
    static Optional<KafkaService> externalKafka(Map<String, String> env) {
        return value(env, KAFKA).map(KafkaService::external);
    }

    /** Returns the external store, if {@value #S3_ENDPOINT} is set; its keys must then be set too. */
    static Optional<S3Service> externalS3(Map<String, String> env) {
        Optional<String> endpoint = value(env, S3_ENDPOINT);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(endpoint.get());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(S3_ENDPOINT + " is not a URI", e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new ExtensionConfigurationException(
                    S3_ENDPOINT + " must be an absolute http(s) URI, got " + endpoint.get());
        }
        return Optional.of(new S3Service(uri,
                value(env, S3_REGION).orElse(DEFAULT_REGION),
                required(env, S3_ACCESS_KEY),
                required(env, S3_SECRET_KEY),
                value(env, S3_BUCKET).orElse(EmbeddedS3Builder.DEFAULT_BUCKET),
                Optional.empty()));
    }

    private static String required(Map<String, String> env, String name) {
        return value(env, name).orElseThrow(() -> new ExtensionConfigurationException(
                name + " must be set when " + S3_ENDPOINT + " is set"));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}

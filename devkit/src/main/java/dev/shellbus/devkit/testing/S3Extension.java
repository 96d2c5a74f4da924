package dev.shellbus.devkit.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import dev.shellbus.devkit.s3.EmbeddedS3;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one S3-compatible store for the whole test run.
 *
 * <p>Parameters of type {@link S3Service} and {@link EmbeddedS3} are resolved. The first resolution
 * starts an embedded server on an ephemeral port with the default keys and bucket, storing objects
 * in a temporary directory; it is kept in the root extension context store, shared by every test
 * class, and stopped (its directory deleted) when the run ends. If
 * {@code SHELLBUS_TEST_S3_ENDPOINT} is set, nothing is started and that store is handed out
 * instead, signed with {@code SHELLBUS_TEST_S3_ACCESS_KEY} and {@code SHELLBUS_TEST_S3_SECRET_KEY}
 * and using the existing bucket {@code SHELLBUS_TEST_S3_BUCKET} (default {@code shellbus}); an
 * {@link EmbeddedS3} parameter then fails to resolve.
 */
public final class S3Extension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(S3Extension.class);

    /** Returns the run's store, starting the embedded server on first use. */
    public static S3Service service(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, key -> Shared.open(), Shared.class)
                .service;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == S3Service.class || type == EmbeddedS3.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        S3Service s3 = service(context);
        if (parameter.getParameter().getType() == S3Service.class) {
            return s3;
        }
        return s3.embedded().orElseThrow(() -> new ParameterResolutionException(
                "an EmbeddedS3 parameter needs the embedded server, but " + TestEnvironment.S3_ENDPOINT
                        + " points at " + s3.endpoint()
                        + "; take an S3Service and assume !isExternal() instead"));
    }

    /** The run's store and, when embedded, the server and directory to clean up at the end. */
    private static final class Shared implements AutoCloseable {

        private final S3Service service;
        private final Optional<Path> directory;

        private Shared(S3Service service, Optional<Path> directory) {
            this.service = service;
            this.directory = directory;
        }

        static Shared open() {
            Optional<S3Service> external = TestEnvironment.externalS3(System.getenv());
            if (external.isPresent()) {
                return new Shared(external.get(), Optional.empty());
            }
            Path dir = TestDirs.create("shellbus-s3-");
            EmbeddedS3 server = EmbeddedS3.builder().directory(dir).build();
            try {
                server.start();
            } catch (RuntimeException e) {
                TestDirs.deleteAfterFailure(dir, e);
                throw e;
            }
            return new Shared(S3Service.of(server), Optional.of(dir));
        }

        @Override
        public void close() throws IOException {
            service.embedded().ifPresent(EmbeddedS3::close);
            if (directory.isPresent()) {
                TestDirs.deleteRecursively(directory.get());
            }
        }
    }
}

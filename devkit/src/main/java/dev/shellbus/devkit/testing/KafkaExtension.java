package dev.shellbus.devkit.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import dev.shellbus.devkit.kafka.EmbeddedKafka;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one Kafka cluster for the whole test run.
 *
 * <p>Parameters of type {@link KafkaService}, {@link EmbeddedKafka} and {@code @BootstrapServers
 * String} are resolved, in test methods, constructors and lifecycle methods alike. The first
 * resolution starts an embedded broker on ephemeral ports with a temporary data directory; it is
 * kept in the root extension context store, shared by every test class, and stopped (its directory
 * deleted) when the run ends. If {@code SHELLBUS_TEST_KAFKA} holds bootstrap servers, nothing is
 * started and that cluster is handed out instead; an {@link EmbeddedKafka} parameter then fails to
 * resolve, so tests that restart the broker should take a {@link KafkaService} and assume
 * {@link KafkaService#isExternal()} is false. Do not restart the shared broker: build a private
 * {@link EmbeddedKafka} for that.
 */
public final class KafkaExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaExtension.class);

    /** Returns the run's Kafka cluster, starting the embedded broker on first use. */
    public static KafkaService service(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, key -> Shared.open(), Shared.class)
                .service;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaService.class || type == EmbeddedKafka.class
                || (type == String.class && parameter.isAnnotated(BootstrapServers.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KafkaService kafka = service(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == KafkaService.class) {
            return kafka;
        }
        if (type == String.class) {
            return kafka.bootstrapServers();
        }
        return kafka.embedded().orElseThrow(() -> new ParameterResolutionException(
                "an EmbeddedKafka parameter needs the embedded broker, but " + TestEnvironment.KAFKA
                        + " points at " + kafka.bootstrapServers()
                        + "; take a KafkaService and assume !isExternal() instead"));
    }

    /** The run's cluster and, when embedded, the broker and directory to clean up at the end. */
    private static final class Shared implements AutoCloseable {

        private final KafkaService service;
        private final Optional<Path> dataDir;

        private Shared(KafkaService service, Optional<Path> dataDir) {
            this.service = service;
            this.dataDir = dataDir;
        }

        static Shared open() {
            Optional<KafkaService> external = TestEnvironment.externalKafka(System.getenv());
            if (external.isPresent()) {
                return new Shared(external.get(), Optional.empty());
            }
            Path dir = TestDirs.create("shellbus-kafka-");
            EmbeddedKafka broker = EmbeddedKafka.builder(dir).build();
            try {
                broker.start();
            } catch (RuntimeException e) {
                TestDirs.deleteAfterFailure(dir, e);
                throw e;
            }
            return new Shared(KafkaService.of(broker), Optional.of(dir));
        }

        @Override
        public void close() throws IOException {
            service.embedded().ifPresent(EmbeddedKafka::close);
            if (dataDir.isPresent()) {
                TestDirs.deleteRecursively(dataDir.get());
            }
        }
    }
}

package dev.shellbus.loadtest.stack;

import dev.shellbus.devkit.kafka.EmbeddedKafka;
import dev.shellbus.devkit.s3.EmbeddedS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared parts a run needs: a Kafka cluster and an S3-compatible store, each either given by address or started
 * here (the devkit's embedded KRaft broker and s3proxy on the local disk, under {@code workDir}).
 */
public final class Infra implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Infra.class);

  private final EmbeddedKafka kafka;
  private final EmbeddedS3 s3;
  private final String bootstrap;
  private final S3Target store;
  private final Path workDir;

  private Infra(EmbeddedKafka kafka, EmbeddedS3 s3, String bootstrap, S3Target store, Path workDir) {
    this.kafka = kafka;
    this.s3 = s3;
    this.bootstrap = bootstrap;
    this.store = store;
    this.workDir = workDir;
  }

  /**
   * Starts what is not given.
   *
   * @param bootstrap an external cluster, or empty to start a broker
   * @param store an external store, or empty to start one
   * @param workDir where embedded parts keep their data
   */
  public static Infra start(Optional<String> bootstrap, Optional<S3Target> store, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    EmbeddedKafka kafka = null;
    EmbeddedS3 s3 = null;
    try {
      if (bootstrap.isEmpty()) {
        kafka = EmbeddedKafka.builder(workDir.resolve("kafka")).defaultPartitions(6).build().start();
        LOG.info("embedded Kafka at {}", kafka.bootstrapServers());
      }
      if (store.isEmpty()) {
        s3 = EmbeddedS3.builder().directory(workDir.resolve("s3")).build().start();
        LOG.info("embedded S3 at {}", s3.endpoint());
      }
    } catch (RuntimeException e) {
      if (kafka != null) {
        kafka.close();
      }
      throw e;
    }
    String servers = kafka != null ? kafka.bootstrapServers() : bootstrap.get();
    S3Target target = s3 != null ? new S3Target(s3.endpoint(), s3.bucket(), s3.accessKey(), s3.secretKey())
        : store.get();
    return new Infra(kafka, s3, servers, target, workDir);
  }

  /** Returns the Kafka bootstrap servers. */
  public String bootstrap() {
    return bootstrap;
  }

  /** Returns the object store. */
  public S3Target store() {
    return store;
  }

  /** Returns the working directory. */
  public Path workDir() {
    return workDir;
  }

  /** Returns the embedded S3 data directory, when the store is embedded. */
  public Optional<Path> s3Directory() {
    return s3 == null ? Optional.empty() : s3.directory();
  }

  @Override
  public void close() {
    if (s3 != null) {
      s3.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }
}

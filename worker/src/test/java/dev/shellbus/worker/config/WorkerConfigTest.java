package dev.shellbus.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.shellbus.orchestrator.engine.LogObjects;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigTest {

  @TempDir
  Path dir;

  private Path yaml(String text) throws IOException {
    Path file = dir.resolve("worker.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void defaultsBuildAValidConfig() {
    WorkerConfig config = WorkerConfig.builder().workerId("w1").build();
    assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.kafka().topics().requests()).isEqualTo("shellbus.requests");
    assertThat(config.drainGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.logFormat()).isEqualTo(WorkerConfig.LogFormat.JSON);
    assertThat(config.gateway().endpoint()).isEmpty();
    assertThat(config.engine().logObjects()).isEqualTo(LogObjects.ALWAYS);
  }

  @Test
  void theDefaultWorkerIdIsTheHostNameAndThePidAndAnExplicitIdWins() {
    String id = WorkerConfig.builder().env(Map.of()).build().workerId();
    assertThat(id).isEqualTo(HostName.current() + "-" + ProcessHandle.current().pid())
        .isNotEqualTo(HostName.current());
    assertThat(WorkerConfig.builder().env(Map.of("SHELLBUS_WORKER_ID", "from-env")).build().workerId())
        .isEqualTo("from-env");
    assertThat(WorkerConfig.builder().args("--worker.id=from-flag").build().workerId()).isEqualTo("from-flag");
    assertThat(WorkerConfig.builder().workerId("w7").build().workerId()).isEqualTo("w7");
  }

  @Test
  void logObjectsPolicyIsAChoice() {
    assertThat(WorkerConfig.builder().workerId("w1").args("--engine.log-objects=when-truncated").build().engine()
        .logObjects()).isEqualTo(LogObjects.WHEN_TRUNCATED);
    assertThat(WorkerConfig.builder().workerId("w1").env(Map.of("SHELLBUS_ENGINE_LOG_OBJECTS", "when-truncated"))
        .build().engine().logObjects()).isEqualTo(LogObjects.WHEN_TRUNCATED);
    assertThatThrownBy(() -> WorkerConfig.builder().args("--engine.log-objects=never").build())
        .hasMessageContaining("engine.log-objects").hasMessageContaining("always, when-truncated");
  }

  @Test
  void flagsBeatEnvBeatFileBeatDefaults() throws IOException {
    Path file = yaml("""
        kafka:
          group-id: from-file
          bootstrap-servers: file:9092
          consumer:
            max-in-flight: 7
        drain:
          grace: 5s
        """);
    Map<String, String> env = Map.of("SHELLBUS_KAFKA_GROUP_ID", "from-env", "SHELLBUS_KAFKA_BOOTSTRAP_SERVERS",
        "env:9092");
    WorkerConfig config = WorkerConfig.builder().env(env)
        .args("--config", file.toString(), "--kafka.bootstrap-servers=flag:9092").build();
    assertThat(config.kafka().bootstrapServers()).isEqualTo("flag:9092");
    assertThat(config.kafka().groupId()).isEqualTo("from-env");
    assertThat(config.kafka().maxInFlight()).isEqualTo(7);
    assertThat(config.drainGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.values().source(ConfigKeys.KAFKA_BOOTSTRAP)).isEqualTo("flag --kafka.bootstrap-servers");
    assertThat(config.values().source(ConfigKeys.KAFKA_GROUP)).isEqualTo("env SHELLBUS_KAFKA_GROUP_ID");
  }

  @Test
  void codeBeatsFlags() {
    WorkerConfig config = WorkerConfig.builder().args("--kafka.bootstrap-servers", "flag:1")
        .kafkaBootstrapServers("code:2").build();
    assertThat(config.kafka().bootstrapServers()).isEqualTo("code:2");
  }

  @Test
  void dottedKeysAndBooleanFlagsWork() throws IOException {
    Path file = yaml("kafka.topics.create: false\nmanagement.port: 0\n");
    WorkerConfig config = WorkerConfig.builder().file(file).args("--management.enabled").build();
    assertThat(config.kafka().createTopics()).isFalse();
    assertThat(config.management().port()).isZero();
    assertThat(config.management().enabled()).isTrue();
  }

  @Test
  void aMissingConfigFileIsFatal() {
    assertThatThrownBy(() -> WorkerConfig.builder().args("--config", dir.resolve("nope.yaml").toString()).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
  }

  @Test
  void brokenYamlIsDescribedOnceAtTheLineOfTheProblem() throws IOException {
    Path file = yaml("kafka:\n  group-id: x\n bad: [\n");
    assertThatThrownBy(() -> WorkerConfig.builder().file(file).build()).isInstanceOf(ConfigException.class)
        .hasMessage("config file " + file + " is not valid YAML at line 3, column 2: expected <block end>, but found"
            + " '<block mapping start>' (while parsing a block mapping from line 1, column 1)");
    Path quote = yaml("a: 1\nb: \"unterminated\nc: 2\n");
    assertThatThrownBy(() -> WorkerConfig.builder().file(quote).build())
        .hasMessageEndingWith("at line 4, column 1: found unexpected end of stream (while scanning a quoted scalar"
            + " from line 2, column 4)");
    Path tab = yaml("kafka:\n\tgroup-id: x\n");
    assertThatThrownBy(() -> WorkerConfig.builder().file(tab).build()).hasMessageContaining("at line 2, column 1: ")
        .hasMessageContaining("TAB").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMissingNamedFileIsFatalAndNamesTheKey() {
    assertThatThrownBy(() -> WorkerConfig.builder().env(Map.of("SHELLBUS_GATEWAY_TLS_CA_FILE", "/no/ca.pem")).build())
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("gateway.tls.ca-file"))
        .hasMessageContaining("/no/ca.pem");
  }

  @Test
  void unknownKeysAreNamed() throws IOException {
    Path file = yaml("kafka:\n  bootstrap-server: x\n");
    assertThatThrownBy(() -> WorkerConfig.builder().file(file).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.bootstrap-server");
    assertThatThrownBy(() -> WorkerConfig.builder().args("--kafka.nope=1").build())
        .hasMessageContaining("kafka.nope");
  }

  @Test
  void badValuesNameTheKeyAndTheSource() {
    assertThatThrownBy(() -> WorkerConfig.builder().env(Map.of("SHELLBUS_KAFKA_CONSUMER_MAX_IN_FLIGHT", "lots"))
        .build()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.consumer.max-in-flight").hasMessageContaining("SHELLBUS_KAFKA_CONSUMER_MAX_IN_FLIGHT")
        .hasMessageContaining("lots");
    assertThatThrownBy(() -> WorkerConfig.builder().args("--kafka.consumer.max-in-flight=0").build())
        .hasMessageContaining("kafka.consumer.max-in-flight").hasMessageContaining("from 1 to");
    assertThatThrownBy(() -> WorkerConfig.builder().args("--drain.grace=soon").build())
        .hasMessageContaining("drain.grace");
    assertThatThrownBy(() -> WorkerConfig.builder().args("--log.format=xml").build())
        .hasMessageContaining("log.format").hasMessageContaining("json, text");
  }

  @Test
  void secretsAreRefusedInFilesAndFlags() throws IOException {
    Path file = yaml("gateway:\n  token: hunter2\n");
    assertThatThrownBy(() -> WorkerConfig.builder().file(file).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("gateway.token")
        .hasMessageContaining("SHELLBUS_GATEWAY_TOKEN").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> WorkerConfig.builder().args("--store.secret-key=hunter2").build())
        .hasMessageContaining("store.secret-key").hasMessageNotContaining("hunter2");
  }

  @Test
  void secretsComeFromEnvOrFilesAndAreRedacted() throws IOException {
    Path secretFile = dir.resolve("s3.key");
    Files.writeString(secretFile, "s3-very-secret\n");
    WorkerConfig config = WorkerConfig.builder().env(Map.of(
        "SHELLBUS_GATEWAY_TOKEN", "gw-very-secret",
        "SHELLBUS_STORE_ACCESS_KEY", "AKIA1",
        "SHELLBUS_STORE_SECRET_KEY_FILE", secretFile.toString(),
        "SHELLBUS_KAFKA_PROPERTIES", "sasl.jaas.config=kafka-very-secret,security.protocol=SASL_SSL")).build();
    assertThat(config.gateway().token().orElseThrow().reveal()).isEqualTo("gw-very-secret");
    assertThat(config.store().secretKey().orElseThrow().reveal()).isEqualTo("s3-very-secret");
    String shown = config + " " + config.gateway() + " " + config.store() + " " + config.kafka() + " "
        + config.values();
    assertThat(shown).doesNotContain("very-secret").contains("***").contains("SASL_SSL");
  }

  @Test
  void aSecretGivenTwiceIsRefused() throws IOException {
    Path secretFile = dir.resolve("s3.key");
    Files.writeString(secretFile, "x");
    assertThatThrownBy(() -> WorkerConfig.builder().env(Map.of("SHELLBUS_STORE_SECRET_KEY", "a",
        "SHELLBUS_STORE_SECRET_KEY_FILE", secretFile.toString(), "SHELLBUS_STORE_ACCESS_KEY", "k")).build())
        .hasMessageContaining("store.secret-key");
  }

  @Test
  void crossKeyRulesNameAKey() {
    assertThatThrownBy(() -> WorkerConfig.builder().set(ConfigKeys.STORE_ACCESS_KEY, "only-access").build())
        .hasMessageContaining("store.secret-key");
    assertThatThrownBy(() -> WorkerConfig.builder().set(ConfigKeys.OIDC_TOKEN_ENDPOINT, "https://idp/token").build())
        .hasMessageContaining("gateway.oidc.client-id");
    assertThatThrownBy(() -> WorkerConfig.builder().set(ConfigKeys.TOPIC_RESULTS, "shellbus.requests").build())
        .hasMessageContaining("kafka.topics");
    assertThatThrownBy(() -> WorkerConfig.builder().set(ConfigKeys.INLINE_OUTPUT, 1L << 20).build())
        .hasMessageContaining("engine.inline-output-bytes");
  }

  @Test
  void theCodeBuilderTakesEmbeddedAddresses() {
    WorkerConfig config = WorkerConfig.builder().workerId("dev-1").kafkaBootstrapServers("127.0.0.1:39092")
        .gatewayEndpoint("http://127.0.0.1:17670").store("http://127.0.0.1:9000", "shellbus", "shellbus",
            "shellbus-secret").managementPort(0).build();
    assertThat(config.workerId()).isEqualTo("dev-1");
    assertThat(config.store().endpoint().orElseThrow().getPort()).isEqualTo(9000);
    assertThat(config.toString()).doesNotContain("shellbus-secret");
  }

  @Test
  void valueTypesRoundTrip() {
    assertThat(ValueType.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ValueType.duration("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ValueType.formatDuration(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(ValueType.bytes("8MiB")).isEqualTo(8L << 20);
    assertThat(ValueType.formatBytes(64L << 10)).isEqualTo("64KiB");
    assertThat(ValueType.MAP.parse("a=1, b=2")).containsEntry("a", "1").containsEntry("b", "2");
  }
}

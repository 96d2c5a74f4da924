package dev.shellbus.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module's dependency rules from its README, as tests. */
class ArchitectureTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.shellbus.events");

  @Test
  void dependsOnlyOnTheJdkAvroAndKafkaClients() {
    classes().should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.shellbus.events..", "org.apache.avro..", "org.apache.kafka..")
        .because("events-schema is the contract every module and every platform links; it may pull in nothing else")
        .check(MAIN);
  }

  @Test
  void validationAndAuditWorkWithoutKafka() {
    noClasses().that().resideInAnyPackage("dev.shellbus.events.validation..", "dev.shellbus.events.audit..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "dev.shellbus.events.serde..")
        .because("they judge decoded records and must stay usable where no Kafka client runs")
        .check(MAIN);
  }

  @Test
  void onlyTheSchemaAndSerdePackagesTouchAvroInternals() {
    noClasses().that().resideOutsideOfPackages("dev.shellbus.events.schema..", "dev.shellbus.events.serde..",
            "dev.shellbus.events.v1..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro.io..", "org.apache.avro.message..",
            "org.apache.avro.util..")
        .because("encoding, decoding and class trust are handled in one place")
        .check(MAIN);
  }
}

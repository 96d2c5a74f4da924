package dev.shellbus.orchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The orchestrator's layering, as a test: who may import the generated stubs, Kafka, Avro and the S3 SDK. */
@AnalyzeClasses(packages = "dev.shellbus.orchestrator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyTheGrpcAdapterImportsGeneratedStubs = noClasses()
      .that().resideOutsideOfPackage("dev.shellbus.orchestrator.gateway.grpc..")
      .should().dependOnClassesThat().resideInAPackage("dev.shellbus.gateway.v1..")
      .because("proto types never leave the gRPC adapter: the engine codes against the gateway port in our own types");

  @ArchTest
  static final ArchRule orchestratorKnowsNoKafka = noClasses()
      .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
      .because("the orchestrator is the request engine; consuming and publishing Kafka belongs to the worker");

  @ArchTest
  static final ArchRule orchestratorKnowsNoAvro = noClasses()
      .should().dependOnClassesThat().resideInAPackage("org.apache.avro..")
      .because("events and their Avro encoding belong to events-schema and the worker, not to the engine");

  @ArchTest
  static final ArchRule onlyTheS3AdapterImportsTheAwsSdk = noClasses()
      .that().resideOutsideOfPackage("..store.s3..")
      .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
      .because("the artifact store is a port; only its S3 adapter may know the AWS SDK");
}

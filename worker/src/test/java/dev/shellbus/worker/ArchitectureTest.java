package dev.shellbus.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The worker's layering rules, checked on its main classes. */
class ArchitectureTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.shellbus.worker");

  @Test
  void theWorkerNeverTouchesGatewayProtos() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.shellbus.gateway.v1..")
        .because("the gateway is reached only through the orchestrator's GatewayClient port; proto types stay in "
            + "its gRPC adapter").check(MAIN);
  }

  @Test
  void theWorkerNeverTouchesTheS3Sdk() {
    noClasses().should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .because("object storage is reached only through the orchestrator's ObjectStore port").check(MAIN);
  }

  @Test
  void productionCodeNeverUsesTheDevkit() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.shellbus.devkit..")
        .because("the devkit (embedded broker, S3, dev gateway) is never on the worker's production classpath")
        .check(MAIN);
  }

  @Test
  void onlyTheKafkaPackageOwnsTheConsumerInternals() {
    noClasses().that().resideOutsideOfPackage("dev.shellbus.worker.kafka..")
        .and().resideOutsideOfPackage("dev.shellbus.worker.http..")
        .and().resideOutsideOfPackage("dev.shellbus.worker.reaper..")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.consumer.KafkaConsumer")
        .because("records are consumed only by the request consumer's poll thread (the reaper's lease and view"
            + " consumers are its own, each on its own thread, and never read the requests topic)").check(MAIN);
  }

  @Test
  void theReaperStaysOutOfTheRequestConsumer() {
    noClasses().that().resideInAPackage("dev.shellbus.worker.reaper..")
        .should().dependOnClassesThat().haveNameMatching(
            "dev\\.shellbus\\.worker\\.(kafka\\.(RequestConsumer|PollLoop|Dispatcher|PartitionWork|RequestPipeline)"
            + "|process\\..*|WorkerVerticle)(\\$.*)?")
        .because("the reaper is a separate reconciler: it reads topics and the gateway, never the workers' internals")
        .check(MAIN);
    noClasses().that().resideOutsideOfPackage("dev.shellbus.worker.reaper..")
        .and().doNotHaveFullyQualifiedName("dev.shellbus.worker.ReaperMain")
        .should().dependOnClassesThat().resideInAPackage("dev.shellbus.worker.reaper..")
        .because("nothing in the worker depends on the reaper (one-way)").check(MAIN);
  }

  @Test
  void theWorkerSeesTheEngineOnlyThroughItsTypedEvents() {
    noClasses().should().dependOnClassesThat().haveNameMatching(
            "dev\\.shellbus\\.orchestrator\\.engine\\.(TransitionTable|Transition|TransitionTap|RequestEvent|Action"
            + "|RequestStateMachine|RequestInputs|RequestProgress|Verdict|RequestDriver)(\\$.*)?")
        .because("the engine reports what happens to a request as EngineEvents to its EngineObserver; its transition "
            + "table and driver are its own business, and the worker publishes phases only by RequestState name")
        .check(MAIN);
  }
}

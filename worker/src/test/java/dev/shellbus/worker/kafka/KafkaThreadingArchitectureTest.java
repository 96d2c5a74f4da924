package dev.shellbus.worker.kafka;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;

/** The threading rules of the Kafka plumbing, checked on the compiled classes. */
class KafkaThreadingArchitectureTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.shellbus.worker.kafka");

  @Test
  void onlyThePollThreadClassesTouchAKafkaConsumer() {
    noClasses().that().doNotHaveSimpleName("PollLoop")
        .and().doNotHaveSimpleName("PartitionRebalance")
        .and().doNotHaveSimpleName("StateLoader")
        .and().doNotHaveSimpleName("LeavingCommit")
        .should().dependOnClassesThat().areAssignableTo(Consumer.class)
        .because("KafkaConsumer is single-threaded: only the poll thread may call it, never the event loop")
        .check(MAIN);
  }

  @Test
  void contextSideClassesNeverBlockOnJavaFutures() {
    noClasses().that().haveSimpleName("Dispatcher")
        .or().haveSimpleName("RequestPipeline")
        .or().haveSimpleName("KeyedQueues")
        .should().callMethod(java.util.concurrent.Future.class, "get")
        .orShould().callMethod(java.util.concurrent.CompletableFuture.class, "join")
        .because("they run on the event loop, which must never block")
        .check(MAIN);
  }
}

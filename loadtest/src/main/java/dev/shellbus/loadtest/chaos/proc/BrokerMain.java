package dev.shellbus.loadtest.chaos.proc;

import dev.shellbus.devkit.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded KRaft broker as a process of its own, so the chaos runner can kill it with SIGKILL and start it again
 * on the same ports and log directory: {@code BrokerMain DIR BROKER_PORT CONTROLLER_PORT PARTITIONS}. It prints
 * {@code @ready <bootstrap>} once it accepts clients and runs until it is terminated.
 */
public final class BrokerMain {

  private BrokerMain() {}

  /** Starts the broker and parks. */
  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafka kafka = EmbeddedKafka.builder(Path.of(args[0]))
        .brokerPort(Integer.parseInt(args[1]))
        .controllerPort(Integer.parseInt(args[2]))
        .defaultPartitions(Integer.parseInt(args[3]))
        .build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "chaos-broker-stop"));
    System.out.println("@ready " + kafka.bootstrapServers());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}

package dev.shellbus.devkit.kafka;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Creates topics through the Admin API and waits until every partition can take writes, for tests
 * and the dev runtime.
 *
 * <p>The controller acknowledges a new topic before its leader has opened the partitions. An
 * idempotent producer that writes in that window can lose records: its first request fails with
 * NOT_LEADER_OR_FOLLOWER, a later one lands first, and the retry then spins on
 * OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout drops it (KAFKA-15591, seen here under
 * load). So creation returns only once every partition's leader answers a ListOffsets request.
 *
 * <p>The replication factor is left to the broker's default, so the same call works on the
 * single-node embedded broker (default 1) and on a real cluster. Creating a topic that already
 * exists fails with {@link org.apache.kafka.common.errors.TopicExistsException} as the cause.
 */
public final class KafkaTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private KafkaTopics() {}

    /** Creates the named topics, each with the given number of partitions, and waits for them. */
    public static void create(String bootstrapServers, int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        List<NewTopic> topics = Arrays.stream(names)
                .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty()))
                .toList();
        create(bootstrapServers, topics);
    }

    /** Creates the given topics and waits until every partition of each has a writable leader. */
    public static void create(String bootstrapServers, List<NewTopic> topics) {
        List<String> names = topics.stream().map(NewTopic::name).toList();
        withAdmin(bootstrapServers, "creating topics " + names, (admin, deadline) -> {
            await(admin.createTopics(topics).all(), deadline);
            awaitWritable(admin, names, deadline);
        });
    }

    /**
     * Waits until every partition of every non-internal topic has a writable leader, as after a
     * broker restart, when leaders are elected again only after the broker has started.
     */
    public static void awaitAllWritable(String bootstrapServers) {
        withAdmin(bootstrapServers, "waiting for partition leaders", (admin, deadline) -> {
            Set<String> names = await(admin.listTopics().names(), deadline);
            if (!names.isEmpty()) {
                awaitWritable(admin, List.copyOf(names), deadline);
            }
        });
    }

    private static void withAdmin(String bootstrapServers, String what, AdminWork work) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            work.run(admin, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(what + " on " + bootstrapServers + " failed", cause);
        }
    }

    private static void awaitWritable(Admin admin, List<String> names, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = ledPartitions(admin, names, deadline);
                if (!partitions.isEmpty()) {
                    await(admin.listOffsets(partitions).all(), deadline);
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("partitions of " + names + " got no writable leader in time");
            }
            LockSupport.parkNanos(RETRY_NANOS);
        }
    }

    /** Returns every partition of the topics, or an empty map while any of them has no leader. */
    private static Map<TopicPartition, OffsetSpec> ledPartitions(Admin admin, List<String> names,
            long deadline) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (TopicDescription topic : await(admin.describeTopics(names).allTopicNames(), deadline).values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return Map.of();
                }
                partitions.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
            }
        }
        return partitions;
    }

    /** Admin calls sharing one deadline. */
    @FunctionalInterface
    private interface AdminWork {
        void run(Admin admin, long deadline)
                throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T await(KafkaFuture<T> future, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        long remaining = Math.max(1, deadline - System.nanoTime());
        return future.get(remaining, TimeUnit.NANOSECONDS);
    }
}

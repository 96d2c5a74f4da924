package dev.shellbus.devkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain kafka-clients helpers for the integration tests: produce, consume and inspect. */
public final class KafkaTestClients {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private KafkaTestClients() {}

    /**
     * Produces {@code values} with acks=all and key = value, to the partition the function gives
     * for each index, or to the default partitioner's choice where it gives -1.
     */
    public static List<RecordMetadata> produce(String bootstrap, String topic, List<String> values,
            ToIntFunction<Integer> partitionOfIndex) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < values.size(); i++) {
                int partition = partitionOfIndex.applyAsInt(i);
                Integer target = partition < 0 ? null : partition;
                sent.add(producer.send(new ProducerRecord<>(topic, target, values.get(i), values.get(i))));
            }
            producer.flush();
            List<RecordMetadata> acked = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                acked.add(f.get());
            }
            return acked;
        }
    }

    /**
     * Consumes in a group until {@code done} holds for the records received (or the deadline
     * passes), then commits synchronously and returns what it received.
     */
    public static List<ConsumerRecord<String, String>> consumeAndCommit(String bootstrap,
            String topic, String group, Predicate<List<ConsumerRecord<String, String>>> done) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (!done.test(received) && System.nanoTime() - deadline < 0) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            consumer.commitSync();
        }
        return received;
    }

    /** Returns the group's committed offset per partition, as the broker reports it. */
    public static Map<TopicPartition, Long> committedOffsets(String bootstrap, String group)
            throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, om) -> offsets.put(tp, om.offset()));
            return offsets;
        }
    }

    /** Describes one topic. */
    public static TopicDescription describe(String bootstrap, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}

/**
 * An embedded single-node KRaft Kafka broker ({@link dev.shellbus.devkit.kafka.EmbeddedKafka}) for
 * the dev runtime and the integration tests, and a topic helper that works on any cluster.
 */
package dev.shellbus.devkit.kafka;

/**
 * The worker's Kafka plumbing: the request consumer (one poll thread per consumer, records handed to a Vert.x
 * context, per-key FIFO, backpressure by pausing partitions, commits of completed work only), the idempotent event
 * publisher, the request-state topic that makes redelivery safe, the dead-letter path and topic creation.
 *
 * <p>The seam with request processing is {@link dev.shellbus.worker.kafka.RequestHandler}: it receives an
 * {@link dev.shellbus.worker.kafka.InboundRequest} and answers a {@link dev.shellbus.worker.kafka.Completion}, which
 * this package writes to the state topic and publishes before the input offset may be committed.
 */
package dev.shellbus.worker.kafka;

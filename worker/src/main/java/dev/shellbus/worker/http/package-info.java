/**
 * The management port: liveness, readiness (gateway and Kafka checks) and Prometheus metrics, on a plain Vert.x
 * HTTP server.
 */
package dev.shellbus.worker.http;

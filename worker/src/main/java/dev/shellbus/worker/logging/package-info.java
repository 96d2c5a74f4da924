/** Logging setup (log4j2 JSON or text) and the MDC ids of requests. */
package dev.shellbus.worker.logging;

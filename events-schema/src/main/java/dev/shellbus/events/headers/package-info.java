/**
 * Kafka header helpers: CloudEvents 1.0 attributes in binary content mode ({@code ce_*} headers plus {@code
 * content-type}) and W3C Trace Context ({@code traceparent}, {@code tracestate}). All header values are UTF-8 strings,
 * as the CloudEvents Kafka protocol binding requires; the CloudEvents SDK is deliberately not a dependency.
 */
package dev.shellbus.events.headers;

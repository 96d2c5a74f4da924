/**
 * The object-store port ({@link dev.shellbus.orchestrator.store.ObjectStore}) with its value types
 * and the stream helpers every byte mover shares: {@link dev.shellbus.orchestrator.store.BufferPipe}
 * (a bounded in-memory pipe between a producer and an upload) and
 * {@link dev.shellbus.orchestrator.store.DigestingReadStream} (SHA-256 and size on the fly). The S3
 * adapter lives in {@code store.s3}, the only package that imports the AWS SDK.
 */
package dev.shellbus.orchestrator.store;

/**
 * The S3 adapter of the object-store port: {@link dev.shellbus.orchestrator.store.s3.S3ObjectStore}
 * with its settings and the two reactive-streams bridges between Vert.x streams and the SDK. This is
 * the only package that imports the AWS SDK; its failures are mapped in one place ({@code S3Errors}).
 */
package dev.shellbus.orchestrator.store.s3;

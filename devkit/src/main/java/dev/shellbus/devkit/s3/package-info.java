/**
 * An embedded S3-compatible server ({@link dev.shellbus.devkit.s3.EmbeddedS3}, backed by s3proxy)
 * for the dev runtime and the integration tests.
 */
package dev.shellbus.devkit.s3;

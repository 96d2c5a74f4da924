/**
 * JUnit 5 extensions that give tests a Kafka broker and an S3-compatible store, started once per
 * test run, or the external ones named by the {@code SHELLBUS_TEST_*} environment variables.
 */
package dev.shellbus.devkit.testing;

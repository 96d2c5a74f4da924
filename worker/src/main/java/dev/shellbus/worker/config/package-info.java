/**
 * The worker's configuration: the key catalogue, loading from YAML, env, flags and code with precedence,
 * validation naming the key, and secrets kept out of files, flags and logs.
 */
package dev.shellbus.worker.config;

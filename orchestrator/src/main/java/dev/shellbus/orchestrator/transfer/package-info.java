/**
 * Moving bytes in and out of sandboxes through exec, as the gateway has no file RPC: a streaming
 * tar writer and push parser, input upload (small files through exec stdin, the rest as one tar
 * stream on an interactive exec, objects streamed straight from the store), artifact collection
 * ({@code tar -c} split per declared path into objects, SHA-256 on the fly) and workspace
 * snapshots.
 */
package dev.shellbus.orchestrator.transfer;

/** Worker heartbeats on the compacted workers topic and the registry of sandboxes the worker owns. */
package dev.shellbus.worker.heartbeat;

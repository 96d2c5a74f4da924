/** The one catalogue of the worker's meters and the class that registers and records them. */
package dev.shellbus.worker.metrics;

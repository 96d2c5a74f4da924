package dev.shellbus.loadtest.chaos.proc;

/**
 * The fixed ports of one chaos run, so a restarted process comes back where its clients look for it.
 *
 * @param base the first port: broker, then controller, store, gateway, reaper management, workers' management
 */
public record Ports(int base) {

  /** The Kafka client port. */
  public int broker() {
    return base;
  }

  /** The KRaft controller port. */
  public int controller() {
    return base + 1;
  }

  /** The S3 port. */
  public int store() {
    return base + 2;
  }

  /** The dev gateway port. */
  public int gateway() {
    return base + 3;
  }

  /** The reaper's management port. */
  public int reaper() {
    return base + 4;
  }

  /** The management port of worker {@code index} (0-based). */
  public int worker(int index) {
    return base + 10 + index;
  }
}

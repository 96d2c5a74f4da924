package dev.shellbus.orchestrator.transfer;

/**
 * Size rules for moving bytes through exec.
 *
 * @param smallInputBytes inline inputs up to this size go in one exec's stdin; larger ones in a tar stream
 * @param stdinChunkBytes the largest stdin frame sent on an interactive exec
 */
public record TransferLimits(int smallInputBytes, int stdinChunkBytes) {
  /** 900 KiB small inputs (the gateway takes requests under 1 MiB) and 256 KiB stdin frames. */
  public static final TransferLimits DEFAULT = new TransferLimits(900 * 1024, 256 * 1024);

  public TransferLimits {
    if (smallInputBytes < 0 || smallInputBytes > 1000 * 1024) {
      throw new IllegalArgumentException("smallInputBytes must be within 0..1000 KiB, got " + smallInputBytes);
    }
    if (stdinChunkBytes < 1024 || stdinChunkBytes >= 1024 * 1024) {
      throw new IllegalArgumentException("stdinChunkBytes must be within 1 KiB..1 MiB, got " + stdinChunkBytes);
    }
  }
}

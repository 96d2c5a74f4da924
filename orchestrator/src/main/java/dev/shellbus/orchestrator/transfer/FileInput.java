package dev.shellbus.orchestrator.transfer;

import java.util.Objects;

/**
 * One file (or, for an {@link InputSource.Archive}, one directory) to place into a sandbox.
 *
 * @param path the absolute destination path inside the sandbox
 * @param mode permission bits of the created file, 0 to 0777
 * @param source where the bytes come from
 */
public record FileInput(String path, int mode, InputSource source) {
  /** The default mode, 0644. */
  public static final int DEFAULT_MODE = 0644;

  public FileInput {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
    if (mode < 0 || mode > 0777) {
      throw new IllegalArgumentException("input mode must be within 0..0777, got " + Integer.toOctalString(mode));
    }
  }

  /** An inline file with mode 0644. */
  public static FileInput inline(String path, byte[] data) {
    return new FileInput(path, DEFAULT_MODE, new InputSource.Inline(data));
  }
}

package dev.shellbus.devkit.gateway.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of the exec engine: isolation mode, resource limits, the sandbox uid, the scripted output of
 * {@link Isolation#SIMULATED}, and fault injection.
 *
 * <p>Build with {@link #builder()}; {@link #defaults()} is bubblewrap with the limits the brief names (256 processes,
 * 1 GiB address space, 1024 open files). Each setter validates its value and names the offending key.
 */
public final class ExecOptions {

  /** The uid and gid of {@code nobody}, which sandboxed commands run as by default. */
  public static final int NOBODY = 65534;

  private final Isolation isolation;
  private final long nprocLimit;
  private final long addressSpaceBytes;
  private final long openFilesLimit;
  private final long fileSizeBytes;
  private final int sandboxUid;
  private final int sandboxGid;
  private final int chunkBytes;
  private final int maxConcurrentExecs;
  private final long simulatedStdoutBytes;
  private final int simulatedChunkBytes;
  private final long simulatedBytesPerSecond;
  private final Duration simulatedDuration;
  private final int simulatedExitCode;
  private final double breakRate;
  private final long seed;
  private final boolean commandsOutliveClients;

  private ExecOptions(Builder b) {
    this.isolation = b.isolation;
    this.nprocLimit = b.nprocLimit;
    this.addressSpaceBytes = b.addressSpaceBytes;
    this.openFilesLimit = b.openFilesLimit;
    this.fileSizeBytes = b.fileSizeBytes;
    this.sandboxUid = b.sandboxUid;
    this.sandboxGid = b.sandboxGid;
    this.chunkBytes = b.chunkBytes;
    this.maxConcurrentExecs = b.maxConcurrentExecs;
    this.simulatedStdoutBytes = b.simulatedStdoutBytes;
    this.simulatedChunkBytes = b.simulatedChunkBytes;
    this.simulatedBytesPerSecond = b.simulatedBytesPerSecond;
    this.simulatedDuration = b.simulatedDuration;
    this.simulatedExitCode = b.simulatedExitCode;
    this.breakRate = b.breakRate;
    this.seed = b.seed;
    this.commandsOutliveClients = b.commandsOutliveClients;
  }

  /** Returns the default options: bubblewrap isolation, default limits, no simulation, no faults. */
  public static ExecOptions defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options, to derive a variant. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns how commands run. */
  public Isolation isolation() {
    return isolation;
  }

  /** Returns {@code RLIMIT_NPROC}: processes of the sandbox uid, counted across all sandboxes; 0 means unlimited. */
  public long nprocLimit() {
    return nprocLimit;
  }

  /** Returns {@code RLIMIT_AS} in bytes; 0 means unlimited. */
  public long addressSpaceBytes() {
    return addressSpaceBytes;
  }

  /** Returns {@code RLIMIT_NOFILE}; 0 means unlimited. */
  public long openFilesLimit() {
    return openFilesLimit;
  }

  /** Returns {@code RLIMIT_FSIZE} in bytes; 0 means unlimited. */
  public long fileSizeBytes() {
    return fileSizeBytes;
  }

  /** Returns the uid commands run as under bubblewrap when the gateway runs as root. */
  public int sandboxUid() {
    return sandboxUid;
  }

  /** Returns the gid commands run as under bubblewrap when the gateway runs as root. */
  public int sandboxGid() {
    return sandboxGid;
  }

  /** Returns the largest number of output bytes in one stdout or stderr event. */
  public int chunkBytes() {
    return chunkBytes;
  }

  /** Returns how many execs may run at once in the whole gateway; more answer UNAVAILABLE. */
  public int maxConcurrentExecs() {
    return maxConcurrentExecs;
  }

  /** Returns how many stdout bytes a simulated exec writes. */
  public long simulatedStdoutBytes() {
    return simulatedStdoutBytes;
  }

  /** Returns the size of each simulated stdout event. */
  public int simulatedChunkBytes() {
    return simulatedChunkBytes;
  }

  /** Returns the simulated output rate in bytes per second; 0 means as fast as flow control allows. */
  public long simulatedBytesPerSecond() {
    return simulatedBytesPerSecond;
  }

  /** Returns the least time a simulated exec takes before it reports its exit status. */
  public Duration simulatedDuration() {
    return simulatedDuration;
  }

  /** Returns the exit code a simulated exec reports. */
  public int simulatedExitCode() {
    return simulatedExitCode;
  }

  /** Returns the probability, from 0 to 1, that an exec stream breaks with UNAVAILABLE before its exit event. */
  public double breakRate() {
    return breakRate;
  }

  /** Returns the seed of the fault and simulation random source, so runs repeat. */
  public long seed() {
    return seed;
  }

  /**
   * Returns whether a command keeps running when its client goes away (cancel, deadline, reset, closed connection),
   * as on the real gateway; it still ends by itself, by timeout, by a sandbox delete or when the gateway stops.
   */
  public boolean commandsOutliveClients() {
    return commandsOutliveClients;
  }

  @Override
  public String toString() {
    return "ExecOptions{isolation=" + isolation + ", nproc=" + nprocLimit + ", as=" + addressSpaceBytes + ", nofile="
        + openFilesLimit + ", fsize=" + fileSizeBytes + ", uid=" + sandboxUid + ", gid=" + sandboxGid + ", chunk="
        + chunkBytes + ", maxExecs=" + maxConcurrentExecs + ", simBytes=" + simulatedStdoutBytes + ", simChunk="
        + simulatedChunkBytes + ", simRate=" + simulatedBytesPerSecond + ", simDuration=" + simulatedDuration
        + ", simExit=" + simulatedExitCode + ", breakRate=" + breakRate + ", seed=" + seed + ", outlive=" + commandsOutliveClients + "}";
  }

  /** Collects and validates exec options; every setter names the key it rejects. */
  public static final class Builder {
    private Isolation isolation = Isolation.BUBBLEWRAP;
    private long nprocLimit = 256;
    private long addressSpaceBytes = 1L << 30;
    private long openFilesLimit = 1024;
    private long fileSizeBytes = 8L << 30;
    private int sandboxUid = NOBODY;
    private int sandboxGid = NOBODY;
    private int chunkBytes = 32 * 1024;
    private int maxConcurrentExecs = 256;
    private long simulatedStdoutBytes = 1024;
    private int simulatedChunkBytes = 32 * 1024;
    private long simulatedBytesPerSecond;
    private Duration simulatedDuration = Duration.ZERO;
    private int simulatedExitCode;
    private double breakRate;
    private long seed = 42;
    private boolean commandsOutliveClients;

    private Builder() {}

    private Builder(ExecOptions o) {
      isolation = o.isolation;
      nprocLimit = o.nprocLimit;
      addressSpaceBytes = o.addressSpaceBytes;
      openFilesLimit = o.openFilesLimit;
      fileSizeBytes = o.fileSizeBytes;
      sandboxUid = o.sandboxUid;
      sandboxGid = o.sandboxGid;
      chunkBytes = o.chunkBytes;
      maxConcurrentExecs = o.maxConcurrentExecs;
      simulatedStdoutBytes = o.simulatedStdoutBytes;
      simulatedChunkBytes = o.simulatedChunkBytes;
      simulatedBytesPerSecond = o.simulatedBytesPerSecond;
      simulatedDuration = o.simulatedDuration;
      simulatedExitCode = o.simulatedExitCode;
      breakRate = o.breakRate;
      seed = o.seed;
      commandsOutliveClients = o.commandsOutliveClients;
    }

    /** Sets how commands run (default {@link Isolation#BUBBLEWRAP}). */
    public Builder isolation(Isolation value) {
      isolation = Objects.requireNonNull(value, "exec.isolation");
      return this;
    }

    /** Sets {@code RLIMIT_NPROC} (default 256; 0 = unlimited). */
    public Builder nprocLimit(long value) {
      nprocLimit = nonNegative("exec.limits.nproc", value);
      return this;
    }

    /** Sets {@code RLIMIT_AS} in bytes (default 1 GiB; 0 = unlimited). */
    public Builder addressSpaceBytes(long value) {
      addressSpaceBytes = nonNegative("exec.limits.address-space", value);
      return this;
    }

    /** Sets {@code RLIMIT_NOFILE} (default 1024; 0 = unlimited). */
    public Builder openFilesLimit(long value) {
      openFilesLimit = nonNegative("exec.limits.nofile", value);
      return this;
    }

    /** Sets {@code RLIMIT_FSIZE} in bytes (default 8 GiB; 0 = unlimited). */
    public Builder fileSizeBytes(long value) {
      fileSizeBytes = nonNegative("exec.limits.file-size", value);
      return this;
    }

    /** Sets the sandbox uid and gid (default 65534, {@code nobody}); root is refused. */
    public Builder sandboxUser(int uid, int gid) {
      if (uid <= 0 || gid <= 0) {
        throw new IllegalArgumentException("exec.sandbox-user: uid and gid must be positive, got " + uid + ":" + gid);
      }
      sandboxUid = uid;
      sandboxGid = gid;
      return this;
    }

    /** Sets the largest output event, from 1 byte to 64 KiB (default 32 KiB). */
    public Builder chunkBytes(int value) {
      chunkBytes = (int) range("exec.chunk-bytes", value, 1, 64 * 1024);
      return this;
    }

    /** Sets how many execs may run at once (default 256). */
    public Builder maxConcurrentExecs(int value) {
      maxConcurrentExecs = (int) range("exec.max-concurrent", value, 1, 100_000);
      return this;
    }

    /** Sets how many stdout bytes a simulated exec writes (default 1024). */
    public Builder simulatedStdoutBytes(long value) {
      simulatedStdoutBytes = nonNegative("exec.simulated.stdout-bytes", value);
      return this;
    }

    /** Sets the size of each simulated stdout event, from 1 byte to 64 KiB (default 32 KiB). */
    public Builder simulatedChunkBytes(int value) {
      simulatedChunkBytes = (int) range("exec.simulated.chunk-bytes", value, 1, 64 * 1024);
      return this;
    }

    /** Sets the simulated output rate in bytes per second (default 0 = unthrottled). */
    public Builder simulatedBytesPerSecond(long value) {
      simulatedBytesPerSecond = nonNegative("exec.simulated.bytes-per-second", value);
      return this;
    }

    /** Sets the least time a simulated exec takes before its exit event (default zero). */
    public Builder simulatedDuration(Duration value) {
      Objects.requireNonNull(value, "exec.simulated.duration");
      if (value.isNegative()) {
        throw new IllegalArgumentException("exec.simulated.duration must not be negative, got " + value);
      }
      simulatedDuration = value;
      return this;
    }

    /** Sets the exit code a simulated exec reports (default 0). */
    public Builder simulatedExitCode(int value) {
      simulatedExitCode = value;
      return this;
    }

    /** Sets the probability, from 0 to 1, that an exec stream breaks before its exit event (default 0). */
    public Builder breakRate(double value) {
      if (!(value >= 0.0 && value <= 1.0)) {
        throw new IllegalArgumentException("exec.fault.break-rate must be within [0, 1], got " + value);
      }
      breakRate = value;
      return this;
    }

    /** Sets the seed of the fault and simulation random source (default 42). */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * Sets whether commands keep running when their client goes away, as on the real gateway (default false: the dev
     * gateway kills them). For tests of what a crashed client leaves behind.
     */
    public Builder commandsOutliveClients(boolean value) {
      commandsOutliveClients = value;
      return this;
    }

    /** Returns the immutable options. */
    public ExecOptions build() {
      return new ExecOptions(this);
    }

    private static long nonNegative(String key, long value) {
      if (value < 0) {
        throw new IllegalArgumentException(key + " must not be negative, got " + value);
      }
      return value;
    }

    private static long range(String key, long value, long min, long max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(key + " must be within [" + min + ", " + max + "], got " + value);
      }
      return value;
    }
  }
}

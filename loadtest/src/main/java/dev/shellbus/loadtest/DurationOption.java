package dev.shellbus.loadtest;

import dev.shellbus.worker.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** The load generator's duration options, read with shellbus's one duration grammar ({@link Durations}). */
public final class DurationOption implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return Durations.require(value);
  }
}

package dev.shellbus.cli;

import picocli.CommandLine.Option;

/** The {@code --kafka} option of every command that talks to the broker (a picocli mixin). */
final class KafkaOption {

  /** The broker of {@code shellbus dev}. */
  static final String DEV_BROKER = "127.0.0.1:19092";

  @Option(names = "--kafka", defaultValue = "${env:SHELLBUS_KAFKA_BOOTSTRAP_SERVERS:-" + DEV_BROKER + "}",
      description = "Bootstrap servers (default: $SHELLBUS_KAFKA_BOOTSTRAP_SERVERS, else " + DEV_BROKER
          + ", the `shellbus dev` broker).")
  String servers;
}

package dev.shellbus.worker.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resolves a secret key from its own value or from the file its companion key names (trailing newline removed). */
final class SecretFiles {

  private SecretFiles() {}

  static Optional<Secret> resolve(ConfigValues v, ConfigKey<String> secret, ConfigKey<Path> file) {
    Optional<String> direct = v.text(secret);
    if (direct.isPresent()) {
      return direct.map(Secret::of);
    }
    return v.find(file).map(path -> {
      try {
        String text = Files.readString(path).strip();
        if (text.isEmpty()) {
          throw new ConfigException(file.name(), "file " + path + " is empty");
        }
        return Secret.of(text);
      } catch (IOException e) {
        throw new ConfigException(file.name(), "cannot read " + path + ": " + e.getClass().getSimpleName(), e);
      }
    });
  }
}

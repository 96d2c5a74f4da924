package dev.shellbus.worker.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the sources into one {@link ConfigValues}: defaults, then the YAML file, then environment variables, then
 * flags, then values set in code, each later one winning per key. Every value is parsed by its key's type and checked
 * against its rule; a secret may not be given both directly and by file; every file a key names must exist.
 */
final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param file the YAML file, or null for none
   * @param env the environment
   * @param args command-line flags (without {@code --config}, which names {@code file})
   * @param code values set in code, raw or typed, by key name
   */
  static ConfigValues load(Path file, Map<String, String> env, List<String> args, Map<String, Object> code) {
    Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
    Map<ConfigKey<?>, String> sources = new LinkedHashMap<>();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      key.defaultOption().ifPresent(v -> values.put(key, v));
    }
    if (file != null) {
      apply(values, sources, ConfigSources.file(file), "file " + file);
    }
    apply(values, sources, ConfigSources.env(env), "env");
    apply(values, sources, ConfigSources.flags(args), "flag");
    apply(values, sources, code, "code");
    checkFiles(values, sources);
    return new ConfigValues(values, sources);
  }

  private static void apply(Map<ConfigKey<?>, Object> values, Map<ConfigKey<?>, String> sources,
      Map<String, Object> raw, String source) {
    raw.forEach((name, value) -> {
      ConfigKey<?> key = ConfigKeys.find(name).orElseThrow(() -> new ConfigException(name, "unknown key in " + source));
      String where = source.equals("env") ? "env " + key.envName() : source.equals("flag") ? "flag --" + name : source;
      if (value == null || (key.type() == ValueType.PATH && value.toString().isBlank())) {
        values.remove(key);
        sources.remove(key);
        return;
      }
      values.put(key, parse(key, value, where));
      sources.put(key, where);
    });
  }

  private static <T> T parse(ConfigKey<T> key, Object raw, String source) {
    T typed;
    if (key.type() == ValueType.DURATION_TYPE && raw instanceof java.time.Duration
        || key.type() == ValueType.PATH && raw instanceof Path) {
      @SuppressWarnings("unchecked")
      T given = (T) raw;
      typed = given;
    } else {
      try {
        typed = key.type().parse(raw);
      } catch (IllegalArgumentException e) {
        String shown = key.secret() ? "" : " '" + raw + "'";
        throw new ConfigException(key.name(), "value" + shown + " (from " + source + ") is not a valid "
            + key.type().name() + ": " + e.getMessage());
      }
    }
    return key.check(typed, source);
  }

  private static void checkFiles(Map<ConfigKey<?>, Object> values, Map<ConfigKey<?>, String> sources) {
    for (ConfigKey<?> key : ConfigKeys.all()) {
      if (key.secret() && values.containsKey(key)) {
        ConfigKeys.find(key.fileKeyName()).filter(values::containsKey).ifPresent(fileKey -> {
          throw new ConfigException(key.name(), "is set both directly (" + sources.get(key) + ") and by "
              + fileKey.name() + "; set only one");
        });
      }
      if (key.type() == ValueType.PATH && values.get(key) instanceof Path path && !Files.isRegularFile(path)) {
        throw new ConfigException(key.name(), "file " + path + " (from " + sources.getOrDefault(key, "default")
            + ") does not exist or is not a regular file");
      }
    }
  }
}

package dev.shellbus.worker.it;

import dev.shellbus.worker.logging.Logging;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * Captures what the worker's loggers write, rendered as production renders it: the text pattern of {@link Logging}
 * and the JSON lines template. While open, {@code dev.shellbus} logs at INFO into it (the test configuration keeps
 * WARN on the console).
 */
final class LogCapture implements AutoCloseable {

  private static final String NAME = "log-capture";
  private static final String LOGGER = "dev.shellbus";

  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final List<String> text = new CopyOnWriteArrayList<>();
  private final List<String> json = new CopyOnWriteArrayList<>();
  private final Appender appender;

  LogCapture() {
    Configuration config = context.getConfiguration();
    Layout<String> pattern = PatternLayout.newBuilder().withConfiguration(config).withPattern(Logging.TEXT_PATTERN)
        .withCharset(StandardCharsets.UTF_8).build();
    JsonTemplateLayout jsonLayout = JsonTemplateLayout.newBuilder().setConfiguration(config)
        .setEventTemplateUri("classpath:dev/shellbus/worker/logging/shellbus-json-layout.json").build();
    appender = new Appender(pattern, jsonLayout);
    appender.start();
    LoggerConfig logger = new LoggerConfig(LOGGER, Level.INFO, false);
    logger.addAppender(appender, Level.INFO, null);
    config.addLogger(LOGGER, logger);
    context.updateLoggers();
  }

  /** Every captured line in the text format; a multi-line rendering counts as several. */
  List<String> textLines() {
    return split(text);
  }

  /** Every captured line in the JSON format. */
  List<String> jsonLines() {
    return split(json);
  }

  /** Bytes written in the text format so far. */
  long textBytes() {
    return text.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
  }

  private static List<String> split(List<String> rendered) {
    List<String> lines = new ArrayList<>();
    for (String r : rendered) {
      String body = r.endsWith("\n") ? r.substring(0, r.length() - 1) : r;
      lines.addAll(Arrays.asList(body.split("\n", -1)));
    }
    return lines;
  }

  @Override
  public void close() {
    context.getConfiguration().removeLogger(LOGGER);
    context.updateLoggers();
    appender.stop();
  }

  private final class Appender extends AbstractAppender {
    private final Layout<String> pattern;
    private final JsonTemplateLayout jsonLayout;

    Appender(Layout<String> pattern, JsonTemplateLayout jsonLayout) {
      super(NAME, null, pattern, true, Property.EMPTY_ARRAY);
      this.pattern = pattern;
      this.jsonLayout = jsonLayout;
    }

    @Override
    public void append(LogEvent event) {
      text.add(pattern.toSerializable(event));
      json.add(jsonLayout.toSerializable(event));
    }
  }
}

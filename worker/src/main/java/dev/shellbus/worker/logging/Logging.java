package dev.shellbus.worker.logging;

import dev.shellbus.worker.config.WorkerConfig.LogFormat;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Configures log4j2 (the worker's SLF4J backend) from code: one console appender on stdout, either JSON lines
 * through JsonTemplateLayout ({@code shellbus-json-layout.json}: timestamp, level, logger, thread, message, the MDC
 * ids flattened, error fields) or a text pattern that shows the MDC too. The worker's own loggers ({@code
 * dev.shellbus}) log at the configured level, everything else at WARN (Kafka and Netty are chatty at INFO).
 *
 * <p>Only {@link dev.shellbus.worker.WorkerMain} calls this: an embedding program (the {@code shellbus} CLI) keeps
 * its own logging setup. Secrets never reach log lines: configuration prints through its redacting {@code
 * toString}, and request text passes through the request's secret scrubber before it is logged.
 */
public final class Logging {

  /** The text pattern, with the MDC ids in braces. */
  public static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS}{UTC}Z %-5level [%t] %c{1.} %X %msg%n%throwable";

  private Logging() {}

  /** Replaces the current log4j2 configuration: a service's, on stdout, other libraries at WARN. */
  public static void configure(LogFormat format, String level) {
    configure(format, level, ConsoleAppender.Target.SYSTEM_OUT, Level.WARN);
  }

  /**
   * Replaces the current log4j2 configuration with a command-line tool's: text on stderr, so that stdout carries only
   * the tool's output, and other libraries at ERROR (a Kafka client warns dozens of times while a broker is down; the
   * tool reports that once in its own words).
   */
  public static void configureTool(String level) {
    configure(LogFormat.TEXT, level, ConsoleAppender.Target.SYSTEM_ERR, Level.ERROR);
  }

  private static void configure(LogFormat format, String level, ConsoleAppender.Target target, Level others) {
    ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
    b.setConfigurationName("shellbus-worker").setStatusLevel(Level.WARN);
    AppenderComponentBuilder console = b.newAppender("stdout", "Console")
        .addAttribute("target", target);
    if (format == LogFormat.JSON) {
      console.add(b.newLayout("JsonTemplateLayout")
          .addAttribute("eventTemplateUri", "classpath:dev/shellbus/worker/logging/shellbus-json-layout.json"));
    } else {
      console.add(b.newLayout("PatternLayout").addAttribute("pattern", TEXT_PATTERN));
    }
    b.add(console);
    b.add(b.newLogger("dev.shellbus", Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO))
        .add(b.newAppenderRef("stdout")).addAttribute("additivity", false));
    b.add(b.newRootLogger(others).add(b.newAppenderRef("stdout")));
    BuiltConfiguration config = b.build();
    LoggerContext context = Configurator.initialize(config);
    if (context == null || context.getConfiguration() != config) {
      Configurator.reconfigure(config);
    }
  }

  /** Flushes and stops logging; call last before the process exits. */
  public static void shutdown() {
    if (LogManager.getContext(false) instanceof LoggerContext context) {
      context.stop();
    }
  }
}

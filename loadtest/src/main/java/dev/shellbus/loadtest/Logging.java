package dev.shellbus.loadtest;

/** Points log4j2 at the loadtest's configuration unless the caller chose one; call first thing in a main. */
public final class Logging {

  private static final String KEY = "log4j2.configurationFile";

  private Logging() {}

  /** Selects {@code log4j2-loadtest.xml} from the class path when no configuration was given. */
  public static void configure() {
    if (System.getProperty(KEY) == null) {
      var url = Logging.class.getResource("/dev/shellbus/loadtest/log4j2-loadtest.xml");
      if (url != null) {
        System.setProperty(KEY, url.toString());
      }
    }
  }
}

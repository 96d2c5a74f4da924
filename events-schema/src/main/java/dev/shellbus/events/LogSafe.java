package dev.shellbus.events;

import java.nio.charset.StandardCharsets;

/**
 * Makes text that came from a request safe to put in a log line, an MDC value or a short message: clipped to a
 * bound, with control and invisible formatting characters escaped, so that a hostile record can neither flood a log
 * nor forge a line of it.
 *
 * <p>A clipped value ends in {@code …(+N chars)}, N being how many characters of the input were left out. Line
 * breaks and tabs become {@code \n}, {@code \r}, {@code \t}; other control characters, format characters (bidi
 * overrides, zero-width joiners), line and paragraph separators and lone surrogates become {@code \}{@code uXXXX}.
 * Backslashes are left as they are. The bound counts the characters written, escapes included, so a result is at
 * most the bound plus {@link #MARKER_MAX} characters long.
 */
public final class LogSafe {

  /** Bound for ids, keys, names, labels, paths and header values: 256 characters. */
  public static final int MAX_ID = 256;
  /** Bound for messages, reasons, validation texts and error details: 1024 characters. */
  public static final int MAX_TEXT = 1024;
  /** The longest clipping marker, {@code …(+2147483647 chars)}: 22 characters. */
  public static final int MARKER_MAX = 22;

  private LogSafe() {}

  /** Returns {@code value} clipped to {@link #MAX_ID} and escaped; {@code "null"} for null. */
  public static String id(String value) {
    return clip(value, MAX_ID);
  }

  /** Returns the UTF-8 bytes of a record key or header value, decoded, clipped to {@link #MAX_ID} and escaped. */
  public static String id(byte[] utf8) {
    return utf8 == null ? "null" : clip(new String(utf8, StandardCharsets.UTF_8), MAX_ID);
  }

  /** Returns {@code value} clipped to {@link #MAX_TEXT} and escaped; {@code "null"} for null. */
  public static String text(String value) {
    return clip(value, MAX_TEXT);
  }

  /** Returns {@code value} clipped to {@code max} characters and escaped; {@code "null"} for null. */
  public static String clip(String value, int max) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + MARKER_MAX);
    int i = 0;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      String piece = escape(cp);
      int written = piece == null ? Character.charCount(cp) : piece.length();
      if (out.length() + written > max) {
        break;
      }
      if (piece == null) {
        out.appendCodePoint(cp);
      } else {
        out.append(piece);
      }
      i += Character.charCount(cp);
    }
    if (i < value.length()) {
      out.append("…(+").append(value.length() - i).append(" chars)");
    }
    return out.toString();
  }

  /** Returns the escape for {@code cp}, or null when it is written as it is. */
  private static String escape(int cp) {
    switch (cp) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    int type = Character.getType(cp);
    if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
      return cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\u{%X}", cp);
    }
    return null;
  }

  /**
   * Returns a throwable to hand a logger in place of {@code t}: the same stack traces, each message (causes
   * included, at most eight deep) clipped to {@link #MAX_TEXT} and escaped and prefixed with its class name.
   */
  public static Throwable throwable(Throwable t) {
    return t == null ? null : new Clipped(t, 8);
  }

  /** A stand-in for a logged throwable whose message is safe to print. */
  private static final class Clipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Clipped(Throwable t, int depth) {
      super(t.getClass().getName() + (t.getMessage() == null ? "" : ": " + text(t.getMessage())),
          t.getCause() == null || depth <= 1 ? null : new Clipped(t.getCause(), depth - 1), false, true);
      setStackTrace(t.getStackTrace());
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}

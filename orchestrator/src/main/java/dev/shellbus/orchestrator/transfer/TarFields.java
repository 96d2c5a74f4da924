package dev.shellbus.orchestrator.transfer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Decoding of the raw fields of a tar header block and of pax extended-header records. */
final class TarFields {
  private TarFields() {}

  /** A NUL-terminated (or full-width) string field, read as UTF-8. */
  static String string(byte[] h, int offset, int width) {
    int end = offset;
    while (end < offset + width && h[end] != 0) {
      end++;
    }
    return new String(h, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** A numeric field: octal digits (space or NUL padded) or GNU base-256 (high bit set). */
  static long number(byte[] h, int offset, int width) {
    if ((h[offset] & 0x80) != 0) {
      long value = h[offset] & 0x7f;
      for (int i = offset + 1; i < offset + width; i++) {
        value = (value << 8) | (h[i] & 0xff);
      }
      return value;
    }
    long value = 0;
    boolean digits = false;
    for (int i = offset; i < offset + width; i++) {
      byte b = h[i];
      if (b >= '0' && b <= '7') {
        value = value * 8 + (b - '0');
        digits = true;
      } else if (b == 0 || b == ' ') {
        if (digits) {
          break;
        }
      } else {
        throw new TarFormatException("bad numeric field at offset " + offset);
      }
    }
    return value;
  }

  /** Whether the stored checksum matches the header (unsigned sum, as POSIX says). */
  static boolean checksumMatches(byte[] h) {
    long stored = number(h, 148, 8);
    long sum = 0;
    for (int i = 0; i < h.length; i++) {
      sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
    }
    return stored == sum;
  }

  static boolean allZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Parses "{@code <len> key=value\n}" records. */
  static Map<String, String> paxRecords(byte[] data) {
    Map<String, String> values = new HashMap<>();
    int at = 0;
    while (at < data.length && data[at] != 0) {
      int space = at;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int length = parseLength(data, at, space);
      int end = at + length;
      if (length <= 0 || end > data.length || data[end - 1] != '\n') {
        throw new TarFormatException("bad pax record at " + at);
      }
      String record = new String(data, space + 1, end - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq <= 0) {
        throw new TarFormatException("pax record without key at " + at);
      }
      values.put(record.substring(0, eq), record.substring(eq + 1));
      at = end;
    }
    return values;
  }

  private static int parseLength(byte[] data, int from, int to) {
    try {
      return Integer.parseInt(new String(data, from, to - from, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new TarFormatException("bad pax record length at " + from);
    }
  }
}

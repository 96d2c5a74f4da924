package dev.shellbus.orchestrator.transfer;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes tar headers: POSIX ustar, with a pax extended header in front of an entry whose name or
 * link target does not fit the 100-byte fields or is not plain ASCII, or whose size does not fit 11
 * octal digits. GNU tar and busybox tar read both. Owner ids are 0 and owner names empty: the
 * extracting side decides ownership ({@code tar -o}).
 */
public final class TarHeaders {
  /** The tar block size. */
  public static final int BLOCK = 512;
  private static final long MAX_OCTAL_SIZE = 077777777777L;

  private TarHeaders() {}

  /** The header block(s) for {@code entry}: one ustar block, preceded by a pax header when needed. */
  public static Buffer header(TarEntry entry) {
    Map<String, String> pax = new LinkedHashMap<>();
    byte[] name = nameField(entry);
    if (!fitsUstar(name)) {
      pax.put("path", entry.name());
    }
    byte[] link = entry.linkName().getBytes(StandardCharsets.UTF_8);
    if (!fitsUstar(link)) {
      pax.put("linkpath", entry.linkName());
    }
    if (entry.size() > MAX_OCTAL_SIZE) {
      pax.put("size", Long.toString(entry.size()));
    }
    Buffer out = Buffer.buffer();
    if (!pax.isEmpty()) {
      byte[] records = paxRecords(pax);
      out.appendBuffer(block("././@PaxHeader".getBytes(StandardCharsets.US_ASCII), 'x', 0644, records.length, new byte[0], entry.mtime()));
      out.appendBytes(records).appendBuffer(padding(records.length));
    }
    return out.appendBuffer(block(truncate(name), typeFlag(entry), entry.mode(),
        entry.size() > MAX_OCTAL_SIZE ? 0 : entry.size(), truncate(link), entry.mtime()));
  }

  /** Zero bytes that round {@code size} up to a whole block. */
  public static Buffer padding(long size) {
    int rest = (int) (size % BLOCK);
    return Buffer.buffer(new byte[rest == 0 ? 0 : BLOCK - rest]);
  }

  /** The end-of-archive marker: two zero blocks. */
  public static Buffer endOfArchive() {
    return Buffer.buffer(new byte[2 * BLOCK]);
  }

  private static byte[] nameField(TarEntry entry) {
    String name = entry.type() == TarEntry.Type.DIRECTORY && !entry.name().endsWith("/") ? entry.name() + "/" : entry.name();
    return name.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean fitsUstar(byte[] field) {
    if (field.length > 100) {
      return false;
    }
    for (byte b : field) {
      if (b <= 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] truncate(byte[] field) {
    if (fitsUstar(field)) {
      return field;
    }
    byte[] ascii = new byte[Math.min(100, field.length)];
    for (int i = 0; i < ascii.length; i++) {
      ascii[i] = field[i] > 0 ? field[i] : (byte) '_';
    }
    return ascii;
  }

  private static char typeFlag(TarEntry entry) {
    switch (entry.type()) {
      case DIRECTORY:
        return '5';
      case SYMLINK:
        return '2';
      case HARDLINK:
        return '1';
      case FILE:
        return '0';
      default:
        throw new IllegalArgumentException("cannot write tar entry of type " + entry.type());
    }
  }

  private static Buffer block(byte[] name, char type, int mode, long size, byte[] link, long mtime) {
    byte[] h = new byte[BLOCK];
    System.arraycopy(name, 0, h, 0, name.length);
    octal(h, 100, 8, mode & 07777);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, Math.max(0, mtime));
    h[156] = (byte) type;
    System.arraycopy(link, 0, h, 157, link.length);
    System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
    h[263] = '0';
    h[264] = '0';
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    return Buffer.buffer(h);
  }

  /** Writes {@code value} as zero-padded octal digits filling {@code width - 1} bytes, then NUL. */
  private static void octal(byte[] h, int offset, int width, long value) {
    String digits = Long.toOctalString(value);
    int pad = width - 1 - digits.length();
    if (pad < 0) {
      throw new IllegalArgumentException("value " + value + " does not fit a " + width + "-byte tar field");
    }
    for (int i = 0; i < pad; i++) {
      h[offset + i] = '0';
    }
    byte[] d = digits.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(d, 0, h, offset + pad, d.length);
    h[offset + width - 1] = 0;
  }

  private static byte[] paxRecords(Map<String, String> values) {
    StringBuilder all = new StringBuilder();
    values.forEach((key, value) -> all.append(paxRecord(key, value)));
    return all.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One "{@code <len> key=value\n}" record, whose length counts its own digits. */
  static String paxRecord(String key, String value) {
    int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
    int length = body + Integer.toString(body).length();
    if (Integer.toString(length).length() != Integer.toString(body).length()) {
      length++;
    }
    return length + " " + key + "=" + value + "\n";
  }
}
